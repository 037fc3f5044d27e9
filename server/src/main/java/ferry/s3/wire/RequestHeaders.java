package ferry.s3.wire;

import ferry.protocol.ApiRequest;
import ferry.s3.AccessControlList;
import ferry.s3.BodyIntegrity;
import ferry.s3.CannedAcl;
import ferry.s3.ChecksumAlgorithm;
import ferry.s3.Grant;
import ferry.s3.Preconditions;
import ferry.s3.S3Errors;
import ferry.s3.ServerSideEncryption;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
          "Expires");
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
  private static final List<String> OBJECT_LOCK_HEADERS =
      List.of(
          "x-amz-object-lock-mode",
          "x-amz-object-lock-retain-until-date",
          "x-amz-object-lock-legal-hold");

  private RequestHeaders() {}

  /**
   * SSE-C (keys the customer provides) is not implemented: storing such an object under another
   * encryption would let anyone allowed to read it do so without the key, so it is refused.
   */
  static void refuseCustomerKeys(ApiRequest request) {
    for (String header : CUSTOMER_KEY_HEADERS) {
      if (request.header(header) != null) {
        throw S3Errors.notImplemented(
            "server-side encryption with customer-provided keys (SSE-C), asked for by " + header);
      }
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

  /** Whether a write asks for an Object Lock retention or legal hold. */
  static boolean asksForObjectLock(ApiRequest request) {
    return OBJECT_LOCK_HEADERS.stream().anyMatch(header -> request.header(header) != null);
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
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
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
      String sdk = request.header("x-amz-sdk-checksum-algorithm");
      if (sdk != null) {
        algorithm = ChecksumAlgorithm.fromWire(sdk);
        if (algorithm == null) {
          throw S3Errors.invalidRequest(
              "Value for x-amz-sdk-checksum-algorithm header is invalid.");
        }
      }
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
