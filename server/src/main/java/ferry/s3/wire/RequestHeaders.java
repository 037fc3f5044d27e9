package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.PercentDecoding;
import ferry.s3.AccessControlList;
import ferry.s3.BodyIntegrity;
import ferry.s3.CannedAcl;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.CustomerKey;
import ferry.s3.Grant;
import ferry.s3.LegalHold;
import ferry.s3.ObjectLockRequest;
import ferry.s3.Preconditions;
import ferry.s3.Retention;
import ferry.s3.RetentionMode;
import ferry.s3.S3Errors;
import ferry.s3.ServerSideEncryption;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Reads S3's request headers into the service's values: metadata, ACL, encryption, checksums. */
final class RequestHeaders {
  static final List<String> STORED_HEADERS =
      List.of(
          "Content-Type",
          "Cache-Control",
          "Content-Disposition",
          "Content-Encoding",
          "Content-Language",
          "Expires",
          "x-amz-website-redirect-location");
  private static final Map<String, String> GRANT_HEADERS =
      Map.of(
          "x-amz-grant-full-control", "FULL_CONTROL",
          "x-amz-grant-read", "READ",
          "x-amz-grant-write", "WRITE",
          "x-amz-grant-read-acp", "READ_ACP",
          "x-amz-grant-write-acp", "WRITE_ACP");

  private static final List<String> CUSTOMER_KEY_HEADERS =
      List.of(
          "x-amz-server-side-encryption-customer-algorithm",
          "x-amz-server-side-encryption-customer-key",
          "x-amz-server-side-encryption-customer-key-MD5",
          "x-amz-copy-source-server-side-encryption-customer-algorithm",
          "x-amz-copy-source-server-side-encryption-customer-key",
          "x-amz-copy-source-server-side-encryption-customer-key-MD5");
  private static final List<String> ENCRYPTION_HEADERS =
      List.of(
          "x-amz-server-side-encryption",
          "x-amz-server-side-encryption-aws-kms-key-id",
          "x-amz-server-side-encryption-context",
          "x-amz-server-side-encryption-bucket-key-enabled");

  /** Every storage class of the model; Ferry keeps each object's bytes as STANDARD. */
  private static final Set<String> STORAGE_CLASSES =
      Set.of(
          "STANDARD",
          "REDUCED_REDUNDANCY",
          "STANDARD_IA",
          "ONEZONE_IA",
          "INTELLIGENT_TIERING",
          "GLACIER",
          "DEEP_ARCHIVE",
          "OUTPOSTS",
          "GLACIER_IR",
          "SNOW",
          "EXPRESS_ONEZONE",
          "FSX_OPENZFS",
          "FSX_ONTAP");

  /** Checksum algorithms of the model that Ferry does not compute. */
  private static final Set<String> UNCOMPUTED_CHECKSUMS =
      Set.of("SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128");

  /**
   * Request headers whose effect Ferry does not implement, with what they ask for: a request
   * carrying one is refused, because served without it the answer or the stored object would not be
   * what the client asked for.
   */
  private static final Map<String, String> UNIMPLEMENTED_HEADERS =
      Map.ofEntries(
          Map.entry("x-amz-website-redirect-location", "website redirects"),
          Map.entry(
              "x-amz-server-side-encryption-context", "an additional SSE-KMS encryption context"),
          Map.entry(
              "x-amz-write-offset-bytes",
              "appending to objects, which S3 offers only in directory buckets"),
          Map.entry("x-amz-mfa", "MFA delete"),
          Map.entry("x-amz-object-lock-mode", "Object Lock in a browser POST upload"),
          Map.entry("x-amz-object-lock-retain-until-date", "Object Lock in a browser POST upload"),
          Map.entry("x-amz-object-lock-legal-hold", "Object Lock in a browser POST upload"),
          Map.entry(
              "x-amz-if-match-initiated-time",
              "conditions on an upload's initiation time, which S3 offers only in directory"
                  + " buckets"),
          Map.entry(
              "x-amz-if-match-last-modified-time",
              "conditions on an object's last-modified time, which S3 offers only in directory"
                  + " buckets"),
          Map.entry(
              "x-amz-if-match-size",
              "conditions on an object's size, which S3 offers only in directory buckets"));

  private RequestHeaders() {}

  /** Refuses the request when it carries any of these headers, whose effect is not implemented. */
  static void refuseUnimplemented(ApiRequest request, String... headers) {
    for (String header : headers) {
      String what = UNIMPLEMENTED_HEADERS.get(header);
      if (what == null) {
        throw new IllegalArgumentException("not a header Ferry refuses: " + header);
      }
      if (request.header(header) != null) {
        throw S3Errors.notImplemented(what + " (" + header + ")");
      }
    }
  }

  /**
   * x-amz-storage-class: STANDARD, the class of every object Ferry stores, or absent. Another class
   * of the model is refused, since the object would not be stored in it; a name S3 does not know is
   * InvalidStorageClass.
   */
  static void requireStandardStorage(ApiRequest request) {
    String value = request.header("x-amz-storage-class");
    if (value == null || value.equals("STANDARD")) {
      return;
    }
    if (STORAGE_CLASSES.contains(value)) {
      throw S3Errors.notImplemented(
          "the storage class "
              + value
              + " (x-amz-storage-class); Ferry stores every object as STANDARD");
    }
    throw S3Errors.invalidStorageClass(value);
  }

  /**
   * The checksum algorithm a header names (x-amz-checksum-algorithm, x-amz-sdk-checksum-algorithm):
   * null when absent; an algorithm of the model that Ferry does not compute is refused, one S3 does
   * not know is InvalidRequest with the given message.
   */
  static @Nullable ChecksumAlgorithm checksumAlgorithm(
      ApiRequest request, String header, String invalidMessage) {
    String value = request.header(header);
    if (value == null) {
      return null;
    }
    ChecksumAlgorithm algorithm = ChecksumAlgorithm.fromWire(value);
    if (algorithm != null) {
      return algorithm;
    }
    refuseUncomputedChecksum(value.trim().toUpperCase(Locale.ROOT), header);
    throw S3Errors.invalidRequest(invalidMessage);
  }

  private static void refuseUncomputedChecksum(String algorithm, String header) {
    if (UNCOMPUTED_CHECKSUMS.contains(algorithm)) {
      throw S3Errors.notImplemented(
          "the "
              + algorithm
              + " checksum algorithm ("
              + header
              + "); Ferry computes CRC32, CRC32C, CRC64NVME, SHA1 and SHA256");
    }
  }

  /** An x-amz-checksum-<algorithm> header of an algorithm Ferry does not compute is refused. */
  static void refuseUncomputedChecksumHeaders(ApiRequest request) {
    for (String algorithm : UNCOMPUTED_CHECKSUMS) {
      String header = "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
      if (request.header(header) != null) {
        refuseUncomputedChecksum(algorithm, header);
      }
    }
  }

  /**
   * SSE-C headers on an operation that takes none are refused: served without them, the operation
   * would act on an SSE-C object as if no key were needed.
   */
  static void refuseCustomerKeys(ApiRequest request) {
    for (String header : CUSTOMER_KEY_HEADERS) {
      if (request.header(header) != null) {
        throw S3Errors.notImplemented(
            "server-side encryption with customer-provided keys (SSE-C) on this operation, asked"
                + " for by "
                + header);
      }
    }
  }

  /** The customer-provided key (SSE-C) of x-amz-server-side-encryption-customer-*, if sent. */
  static @Nullable CustomerKey customerKey(ApiRequest request) {
    return customerKey(request, "x-amz-server-side-encryption-customer");
  }

  /** The key of a copy's source, x-amz-copy-source-server-side-encryption-customer-*, if sent. */
  static @Nullable CustomerKey sourceCustomerKey(ApiRequest request) {
    return customerKey(request, "x-amz-copy-source-server-side-encryption-customer");
  }

  private static @Nullable CustomerKey customerKey(ApiRequest request, String prefix) {
    return CustomerKey.parse(
        prefix,
        request.header(prefix + "-algorithm"),
        request.header(prefix + "-key"),
        request.header(prefix + "-key-MD5"),
        request.caller().secureTransport());
  }

  /** The response headers of an SSE-C request: the algorithm and the MD5 of the key it sent. */
  static void customerKeyHeaders(@Nullable CustomerKey key, ApiResponse response) {
    if (key != null) {
      response.header("x-amz-server-side-encryption-customer-algorithm", CustomerKey.ALGORITHM);
      response.header("x-amz-server-side-encryption-customer-key-MD5", key.md5());
    }
  }

  /**
   * The retention and legal hold a write asks for with x-amz-object-lock-mode, -retain-until-date
   * (both or neither) and -legal-hold. AWS wants such a write's body checked: Content-MD5 or an
   * x-amz-checksum-* header (or trailer) is required.
   */
  static ObjectLockRequest objectLock(ApiRequest request, boolean bodyChecksumRequired) {
    String mode = request.header("x-amz-object-lock-mode");
    String until = request.header("x-amz-object-lock-retain-until-date");
    String hold = request.header("x-amz-object-lock-legal-hold");
    if (mode == null && until == null && hold == null) {
      return ObjectLockRequest.NONE;
    }
    if (bodyChecksumRequired
        && request.header("content-md5") == null
        && request.header("x-amz-trailer") == null
        && request.header("x-amz-sdk-checksum-algorithm") == null
        && request.headers().keySet().stream().noneMatch(h -> h.startsWith("x-amz-checksum-"))) {
      throw S3Errors.invalidRequest(
          "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with"
              + " Object Lock parameters");
    }
    Retention retention = null;
    if (mode != null || until != null) {
      if (mode == null || until == null) {
        throw S3Errors.invalidArgument(
            "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied",
            mode == null ? "x-amz-object-lock-mode" : "x-amz-object-lock-retain-until-date",
            "");
      }
      RetentionMode retentionMode = RetentionMode.fromWire(mode);
      if (retentionMode == null) {
        throw S3Errors.invalidArgument(
            "Unknown wormMode directive.", "x-amz-object-lock-mode", mode);
      }
      Instant date = isoDate(until);
      if (date == null) {
        throw S3Errors.invalidArgument(
            "The retain until date must be provided in ISO 8601 format",
            "x-amz-object-lock-retain-until-date",
            until);
      }
      retention = new Retention(retentionMode, date);
    }
    LegalHold legalHold = null;
    if (hold != null) {
      legalHold = LegalHold.fromWire(hold);
      if (legalHold == null) {
        throw S3Errors.invalidArgument(
            "Legal Hold must be either of 'ON' or 'OFF'", "x-amz-object-lock-legal-hold", hold);
      }
    }
    return new ObjectLockRequest(retention, legalHold);
  }

  /** An ISO 8601 timestamp, as S3 takes and gives retention dates; null when it is not one. */
  static @Nullable Instant isoDate(String text) {
    try {
      return java.time.OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** GetObject and HeadObject take no x-amz-server-side-encryption* header; AWS refuses them. */
  static void refuseEncryptionOnRead(ApiRequest request) {
    for (String header : ENCRYPTION_HEADERS) {
      String value = request.header(header);
      if (value != null) {
        throw S3Errors.headerNotSupported(header, value);
      }
    }
  }

  /** x-amz-website-redirect-location must be a path on the website or an http(s) URL. */
  static void checkWebsiteRedirect(ApiRequest request) {
    String location = request.header("x-amz-website-redirect-location");
    if (location != null
        && !location.startsWith("/")
        && !location.startsWith("http://")
        && !location.startsWith("https://")) {
      throw S3Errors.invalidRedirectLocation();
    }
  }

  /** Content-Type, Cache-Control, … and x-amz-meta-*, as the object will return them. */
  static Map<String, String> stored(ApiRequest request) {
    Map<String, String> stored = new LinkedHashMap<>();
    for (String name : STORED_HEADERS) {
      String value = request.header(name);
      if (value != null) {
        if (name.equals("Content-Encoding")) {
          value = withoutAwsChunked(value);
          if (value.isEmpty()) {
            continue;
          }
        }
        stored.put(name, value);
      }
    }
    request
        .headers()
        .forEach((name, values) -> {
          if (name.startsWith("x-amz-meta-")) {
            stored.put(name, String.join(",", values));
          }
        });
    return stored;
  }

  /** aws-chunked is framing, not the object's encoding: it is dropped from what is stored. */
  private static String withoutAwsChunked(String encoding) {
    List<String> kept = new ArrayList<>();
    for (String part : encoding.split(",")) {
      if (!part.trim().equalsIgnoreCase("aws-chunked") && !part.isBlank()) {
        kept.add(part.trim());
      }
    }
    return String.join(",", kept);
  }

  /** The ACL of x-amz-acl or x-amz-grant-*; both at once is InvalidRequest. */
  static AccessControlList acl(ApiRequest request) {
    String canned = request.header("x-amz-acl");
    List<Grant> grants = new ArrayList<>();
    for (Map.Entry<String, String> header : GRANT_HEADERS.entrySet()) {
      String value = request.header(header.getKey());
      if (value != null) {
        grants.addAll(parseGrantees(value, header.getValue()));
      }
    }
    if (canned != null) {
      if (!grants.isEmpty()) {
        throw S3Errors.invalidRequest(
            "Specifying both Canned ACLs and Header Grants is not allowed");
      }
      CannedAcl acl = CannedAcl.fromWire(canned.trim());
      if (acl == null) {
        throw S3Errors.invalidArgument("Invalid canned ACL", "x-amz-acl", canned);
      }
      return AccessControlList.canned(acl);
    }
    return grants.isEmpty() ? AccessControlList.NONE : AccessControlList.of(grants);
  }

  /** {@code id="…", uri="…"} grantee lists of the x-amz-grant-* headers. */
  private static List<Grant> parseGrantees(String value, String permission) {
    List<Grant> grants = new ArrayList<>();
    for (String part : value.split(",")) {
      String grantee = part.trim();
      int eq = grantee.indexOf('=');
      if (eq < 0) {
        throw S3Errors.invalidArgument("Invalid id", "x-amz-grant", value);
      }
      String type = grantee.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
      String id = grantee.substring(eq + 1).trim().replace("\"", "");
      switch (type) {
        case "id" -> grants.add(Grant.user(id, permission));
        case "uri" -> grants.add(Grant.group(id, permission));
        default ->
            throw S3Errors.notImplemented("grantee type " + type + " in x-amz-grant headers");
      }
    }
    return grants;
  }

  /** x-amz-server-side-encryption and its KMS key id, or null when not asked for. */
  static @Nullable ServerSideEncryption encryption(ApiRequest request) {
    String algorithm = request.header("x-amz-server-side-encryption");
    String keyId = request.header("x-amz-server-side-encryption-aws-kms-key-id");
    boolean bucketKey =
        "true".equalsIgnoreCase(request.header("x-amz-server-side-encryption-bucket-key-enabled"));
    if (algorithm == null) {
      if (keyId != null) {
        throw S3Errors.invalidArgument(
            "Specifying the x-amz-server-side-encryption-aws-kms-key-id header requires"
                + " x-amz-server-side-encryption: aws:kms",
            "x-amz-server-side-encryption-aws-kms-key-id",
            keyId);
      }
      return null;
    }
    algorithm = algorithm.trim();
    if (algorithm.equals(ServerSideEncryption.AES256)) {
      if (keyId != null) {
        throw S3Errors.invalidArgument(
            "Server Side Encryption with AWS KMS managed key requires HTTP header"
                + " x-amz-server-side-encryption : aws:kms",
            "x-amz-server-side-encryption-aws-kms-key-id",
            keyId);
      }
      return ServerSideEncryption.SSE_S3;
    }
    if (algorithm.equals(ServerSideEncryption.AWS_KMS)) {
      return new ServerSideEncryption(algorithm, keyId, bucketKey);
    }
    throw S3Errors.invalidEncryptionAlgorithm(algorithm);
  }

  /** The x-amz-tagging header: a URL-encoded query string of tags. */
  static Map<String, String> tagging(@Nullable String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isBlank()) {
      return tags;
    }
    for (String pair : header.split("&")) {
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = PercentDecoding.form(eq < 0 ? pair : pair.substring(0, eq));
        value = eq < 0 ? "" : PercentDecoding.form(pair.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw S3Errors.invalidArgument(
            "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query"
                + " parameters without tag name duplicates.",
            "x-amz-tagging",
            header);
      }
      if (tags.put(key, value) != null) {
        throw S3Errors.invalidTag("Cannot provide multiple Tags with the same key");
      }
    }
    return tags;
  }

  /**
   * What the body must match: Content-MD5, one x-amz-checksum-* header or the trailer named by
   * x-amz-trailer, and the algorithm to store (also from x-amz-sdk-checksum-algorithm).
   */
  static BodyIntegrity integrity(ApiRequest request, Supplier<Map<String, String>> trailers) {
    refuseUncomputedChecksumHeaders(request);
    ChecksumAlgorithm algorithm = null;
    String value = null;
    for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
      String header = request.header(candidate.header());
      if (header != null) {
        if (algorithm != null) {
          throw S3Errors.invalidRequest(
              "Expecting a single x-amz-checksum- header. Multiple checksum Types are not"
                  + " allowed.");
        }
        algorithm = candidate;
        value = header.trim();
        checkChecksumShape(candidate, value);
      }
    }
    String trailer = null;
    String announced = request.header("x-amz-trailer");
    if (announced != null) {
      String name = announced.trim().toLowerCase(java.util.Locale.ROOT);
      ChecksumAlgorithm fromTrailer = null;
      for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
        if (candidate.header().equals(name)) {
          fromTrailer = candidate;
        }
      }
      if (fromTrailer == null && name.startsWith("x-amz-checksum-")) {
        refuseUncomputedChecksum(
            name.substring("x-amz-checksum-".length()).toUpperCase(Locale.ROOT), "x-amz-trailer");
      }
      if (fromTrailer == null) {
        throw S3Errors.invalidRequest(
            "The value specified in the x-amz-trailer header is not supported");
      }
      if (algorithm != null) {
        throw S3Errors.invalidRequest(
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
      }
      algorithm = fromTrailer;
      trailer = name;
    }
    if (algorithm == null) {
      algorithm =
          checksumAlgorithm(
              request,
              "x-amz-sdk-checksum-algorithm",
              "Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }
    return new BodyIntegrity(request.header("content-md5"), algorithm, value, trailer, trailers);
  }

  private static void checkChecksumShape(ChecksumAlgorithm algorithm, String value) {
    int expected =
        switch (algorithm) {
          case CRC32, CRC32C -> 4;
          case CRC64NVME -> 8;
          case SHA1 -> 20;
          case SHA256 -> 32;
        };
    try {
      if (java.util.Base64.getDecoder().decode(value).length == expected) {
        return;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw S3Errors.invalidRequest("Value for " + algorithm.header() + " header is invalid.");
  }

  static Preconditions preconditions(ApiRequest request, String prefix) {
    return new Preconditions(
        request.header(prefix + "if-match"),
        request.header(prefix + "if-none-match"),
        httpDate(request.header(prefix + "if-modified-since")),
        httpDate(request.header(prefix + "if-unmodified-since")));
  }

  /** An HTTP date; an unparsable one is ignored, as HTTP says. */
  static @Nullable Instant httpDate(@Nullable String value) {
    if (value == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The declared length of an upload's object bytes: the decoded length of an aws-chunked body, or
   * Content-Length; -1 when the request gives neither.
   */
  static long declaredLength(ApiRequest request) {
    if (request.contentLength() >= 0) {
      return request.contentLength();
    }
    String decoded = request.header("x-amz-decoded-content-length");
    if (decoded == null) {
      return -1;
    }
    try {
      return Long.parseLong(decoded.trim());
    } catch (NumberFormatException e) {
      throw S3Errors.invalidArgument(
          "Invalid x-amz-decoded-content-length", "x-amz-decoded-content-length", decoded);
    }
  }
}
