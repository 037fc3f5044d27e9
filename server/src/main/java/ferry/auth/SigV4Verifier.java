package ferry.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Verifies AWS Signature Version 4 in the Authorization header or a presigned query string (and
 * S3's presigned SigV2, which boto3 still produces), finds the credential behind the access key and
 * wraps the body so that it is checked as it streams.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html">AWS Signature
 *     Version 4</a>
 */
public final class SigV4Verifier {
  static final Duration MAX_SKEW = Duration.ofMinutes(15);
  static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_SIGNED_BODY = 16 << 20;
  private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

  private final CredentialStore credentials;
  private final VirtualHostedBucket virtualHosts;
  private final SigningKeys keys = new SigningKeys();

  public SigV4Verifier(CredentialStore credentials) {
    this(credentials, VirtualHostedBucket.NONE);
  }

  /**
   * @param virtualHosts the bucket of a virtual-hosted S3 request, which SigV2 signs in front of
   *     the path
   */
  public SigV4Verifier(CredentialStore credentials, VirtualHostedBucket virtualHosts) {
    this.credentials = credentials;
    this.virtualHosts = virtualHosts;
  }

  /** Authenticates a request; throws {@link AuthException} when it does not hold. */
  public Authenticated verify(SignedRequest request, InputStream body, Instant now)
      throws IOException {
    String authorization = request.header("authorization");
    Map<String, String> query = queryParameters(request.rawQuery());
    if (authorization != null) {
      if (authorization.startsWith("AWS4-HMAC-SHA256")) {
        return verifyHeader(request, authorization, body, now);
      }
      if (authorization.startsWith("AWS4-ECDSA-P256-SHA256")) {
        throw new AuthException(
            AuthFailure.UNSUPPORTED, "Signature Version 4A is not supported by Ferry.");
      }
      if (authorization.startsWith("AWS ")) {
        return verifyHeaderV2(request, authorization, query, body, now);
      }
      throw new AuthException(
          AuthFailure.MALFORMED,
          "Unsupported Authorization Type; Ferry verifies AWS Signature Version 4 (AWS4-HMAC-SHA256).");
    }
    if (query.containsKey("X-Amz-Signature") || query.containsKey("X-Amz-Algorithm")) {
      return verifyPresigned(request, query, body, now);
    }
    if (query.containsKey("AWSAccessKeyId") && query.containsKey("Signature")) {
      return verifyPresignedV2(request, query, body, now);
    }
    return new Authenticated(null, null, body, contentLength(request), null);
  }

  // ---- header form ----

  private Authenticated verifyHeader(
      SignedRequest request, String authorization, InputStream body, Instant now)
      throws IOException {
    Map<String, String> parts = authorizationParts(authorization);
    String credential = parts.get("Credential");
    String signedHeaderList = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    if (credential == null || signedHeaderList == null || signature == null) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization="
              + authorization);
    }
    CredentialScope scope = CredentialScope.parse(credential);
    String amzDate = amzDate(request);
    Instant requestTime = parseAmzDate(amzDate);
    checkScopeDate(scope, amzDate);
    checkSkew(requestTime, now, amzDate);
    StoredCredential stored =
        credential(scope.accessKeyId(), request.header("x-amz-security-token"), now);
    List<String> signedHeaders = Arrays.asList(signedHeaderList.split(";"));
    boolean s3 = scope.service().equals("s3");
    String payloadHash;
    InputStream checkedBody = body;
    String declared = request.header("x-amz-content-sha256");
    if (s3) {
      if (declared == null) {
        throw new AuthException(
            AuthFailure.MISSING_CONTENT_SHA256,
            "Missing required header for this request: x-amz-content-sha256");
      }
      if (!declared.equals(UNSIGNED)
          && !declared.startsWith("STREAMING-")
          && !declared.matches("[0-9a-f]{64}")) {
        throw new AuthException(
            AuthFailure.INVALID_CONTENT_SHA256,
            "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-…, or a SHA-256 in hex");
      }
      payloadHash = declared;
    } else {
      byte[] bytes = readSignedBody(body);
      payloadHash = SigningKeys.sha256Hex(bytes);
      if (declared != null && !declared.equals(payloadHash) && !declared.equals(UNSIGNED)) {
        throw new AuthException(
            AuthFailure.PAYLOAD_HASH_MISMATCH,
            "The x-amz-content-sha256 header does not match the body");
      }
      if (declared != null && declared.equals(UNSIGNED)) {
        payloadHash = UNSIGNED;
      }
      checkedBody = new ByteArrayInputStream(bytes);
    }
    byte[] signingKey = keys.derive(stored.secretAccessKey(), scope);
    String canonicalUri =
        s3
            ? CanonicalRequest.s3Uri(request.rawPath())
            : CanonicalRequest.normalizedUri(request.rawPath());
    String canonicalQuery = CanonicalRequest.query(request.rawQuery(), "");
    String canonical =
        CanonicalRequest.build(
            request.method(),
            canonicalUri,
            canonicalQuery,
            signedHeaders,
            request.headers(),
            payloadHash);
    String stringToSign = CanonicalRequest.stringToSign(amzDate, scope, canonical);
    String expected = SigningKeys.hex(SigningKeys.hmac(signingKey, stringToSign));
    if (!SigningKeys.same(expected, signature)) {
      boolean matched = false;
      if (s3) {
        String reencoded =
            CanonicalRequest.build(
                request.method(),
                CanonicalRequest.s3UriReencoded(request.rawPath()),
                canonicalQuery,
                signedHeaders,
                request.headers(),
                payloadHash);
        String retry = CanonicalRequest.stringToSign(amzDate, scope, reencoded);
        matched = SigningKeys.same(SigningKeys.hex(SigningKeys.hmac(signingKey, retry)), signature);
      }
      if (!matched) {
        throw mismatch(scope.accessKeyId(), stringToSign, signature, canonical);
      }
    }
    return wrapBody(
        request, stored, scope, checkedBody, payloadHash, signingKey, signature, amzDate);
  }

  private Authenticated wrapBody(
      SignedRequest request,
      StoredCredential stored,
      CredentialScope scope,
      InputStream body,
      String payloadHash,
      byte[] signingKey,
      String seedSignature,
      String amzDate) {
    if (payloadHash.startsWith("STREAMING-")) {
      ChunkedPayload.Mode mode = ChunkedPayload.Mode.of(payloadHash);
      long decoded = decodedContentLength(request);
      var chunked =
          new ChunkedPayload(
              body, mode, new ChunkSigner(signingKey, amzDate, scope, seedSignature), decoded);
      return new Authenticated(stored, scope, chunked, decoded, chunked);
    }
    long length = contentLength(request);
    if (payloadHash.equals(UNSIGNED) || !scope.service().equals("s3")) {
      return new Authenticated(stored, scope, body, length, null);
    }
    return new Authenticated(
        stored, scope, new PayloadHashCheck(body, payloadHash, length), length, null);
  }

  // ---- presigned SigV4 ----

  private Authenticated verifyPresigned(
      SignedRequest request, Map<String, String> query, InputStream body, Instant now)
      throws IOException {
    String algorithm = query.get("X-Amz-Algorithm");
    String credential = query.get("X-Amz-Credential");
    String amzDate = query.get("X-Amz-Date");
    String expires = query.get("X-Amz-Expires");
    String signedHeaderList = query.get("X-Amz-SignedHeaders");
    String signature = query.get("X-Amz-Signature");
    if (!"AWS4-HMAC-SHA256".equals(algorithm)
        || credential == null
        || expires == null
        || amzDate == null
        || signedHeaderList == null
        || signature == null) {
      throw new AuthException(
          AuthFailure.MALFORMED_QUERY,
          "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential,"
              + " X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
    }
    CredentialScope scope = CredentialScope.parse(credential);
    Instant signedAt = parseAmzDate(amzDate);
    checkScopeDate(scope, amzDate);
    long lifetime;
    try {
      lifetime = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new AuthException(
          AuthFailure.MALFORMED_QUERY, "X-Amz-Expires must be a number of seconds");
    }
    if (lifetime < 1 || lifetime > 604800) {
      throw new AuthException(
          AuthFailure.MALFORMED_QUERY,
          "X-Amz-Expires must be between 1 and 604800 seconds (7 days)");
    }
    Instant expiry = signedAt.plusSeconds(lifetime);
    if (now.isAfter(expiry)) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("X-Amz-Expires", Long.toString(lifetime));
      details.put("Expires", expiry.toString());
      details.put("ServerTime", now.toString());
      throw new AuthException(AuthFailure.PRESIGNED_EXPIRED, "Request has expired", details);
    }
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw new AuthException(
          AuthFailure.TIME_SKEW, "Request is not valid yet: signed for " + amzDate);
    }
    StoredCredential stored =
        credential(scope.accessKeyId(), query.get("X-Amz-Security-Token"), now);
    List<String> signedHeaders = Arrays.asList(signedHeaderList.split(";"));
    boolean s3 = scope.service().equals("s3");
    String payloadHash;
    if (s3) {
      String declared = request.header("x-amz-content-sha256");
      payloadHash = declared == null ? UNSIGNED : declared;
    } else {
      byte[] bytes = readSignedBody(body);
      payloadHash = SigningKeys.sha256Hex(bytes);
      body = new ByteArrayInputStream(bytes);
    }
    String canonical =
        CanonicalRequest.build(
            request.method(),
            s3
                ? CanonicalRequest.s3Uri(request.rawPath())
                : CanonicalRequest.normalizedUri(request.rawPath()),
            CanonicalRequest.query(request.rawQuery(), "X-Amz-Signature"),
            signedHeaders,
            request.headers(),
            payloadHash);
    String stringToSign = CanonicalRequest.stringToSign(amzDate, scope, canonical);
    byte[] signingKey = keys.derive(stored.secretAccessKey(), scope);
    String expected = SigningKeys.hex(SigningKeys.hmac(signingKey, stringToSign));
    if (!SigningKeys.same(expected, signature)) {
      throw mismatch(scope.accessKeyId(), stringToSign, signature, canonical);
    }
    return new Authenticated(stored, scope, body, contentLength(request), null);
  }

  // ---- presigned SigV2 (S3) ----

  private Authenticated verifyPresignedV2(
      SignedRequest request, Map<String, String> query, InputStream body, Instant now) {
    String accessKeyId = query.get("AWSAccessKeyId");
    String signature = query.get("Signature");
    String expires = query.get("Expires");
    if (expires == null) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
    }
    long expiresAt;
    try {
      expiresAt = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new AuthException(AuthFailure.MALFORMED, "Expires must be seconds since the epoch");
    }
    if (now.getEpochSecond() > expiresAt) {
      Map<String, String> details = new LinkedHashMap<>();
      details.put("Expires", Instant.ofEpochSecond(expiresAt).toString());
      details.put("ServerTime", now.toString());
      throw new AuthException(AuthFailure.PRESIGNED_EXPIRED, "Request has expired", details);
    }
    String token = query.get("x-amz-security-token");
    StoredCredential stored = credential(accessKeyId, token, now);
    checkV2Signature(request, query, stored, expires, token, signature);
    return new Authenticated(stored, null, body, contentLength(request), null);
  }

  // ---- SigV2 header (S3): Authorization: AWS <AK>:<signature> ----

  private Authenticated verifyHeaderV2(
      SignedRequest request,
      String authorization,
      Map<String, String> query,
      InputStream body,
      Instant now) {
    String credentials = authorization.substring("AWS ".length()).trim();
    int colon = credentials.lastIndexOf(':');
    if (colon <= 0 || colon == credentials.length() - 1) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "The Authorization header is malformed; expecting \"AWS <AWSAccessKeyId>:<Signature>\".");
    }
    String accessKeyId = credentials.substring(0, colon);
    String signature = credentials.substring(colon + 1);
    String amzDate = amzDate(request);
    checkSkew(parseAmzDate(amzDate), now, amzDate);
    StoredCredential stored = credential(accessKeyId, request.header("x-amz-security-token"), now);
    // With x-amz-date the Date line is empty: the date is signed among the x-amz- headers.
    String date = request.header("x-amz-date") != null ? "" : nullToEmpty(request.header("date"));
    checkV2Signature(request, query, stored, date, null, signature);
    return new Authenticated(stored, null, body, contentLength(request), null);
  }

  /**
   * SigV2's string to sign: method, Content-MD5, Content-Type, the date (Expires when presigned),
   * the x-amz- headers by lower-case name (a presigned session token among them), the resource.
   */
  private void checkV2Signature(
      SignedRequest request,
      Map<String, String> query,
      StoredCredential stored,
      String date,
      @Nullable String queryToken,
      String signature) {
    Map<String, String> amzHeaders = new TreeMap<>();
    for (var header : request.headers().entrySet()) {
      if (header.getKey().startsWith("x-amz-")) {
        amzHeaders.put(
            header.getKey(),
            String.join(",", header.getValue().stream().map(String::strip).toList()));
      }
    }
    if (queryToken != null) {
      amzHeaders.put("x-amz-security-token", queryToken);
    }
    StringBuilder stringToSign =
        new StringBuilder()
            .append(request.method())
            .append('\n')
            .append(nullToEmpty(request.header("content-md5")).strip())
            .append('\n')
            .append(nullToEmpty(request.header("content-type")).strip())
            .append('\n')
            .append(date)
            .append('\n');
    amzHeaders.forEach(
        (name, value) -> stringToSign.append(name).append(':').append(value).append('\n'));
    String host = request.header("host");
    List<String> resources =
        SigV2Resource.of(
            request.rawPath(), query, host == null ? null : virtualHosts.bucketOf(host));
    byte[] secret = stored.secretAccessKey().getBytes(StandardCharsets.UTF_8);
    for (String resource : resources) {
      String candidate = stringToSign + resource;
      String expected =
          Base64.getEncoder()
              .encodeToString(
                  SigningKeys.hmac(secret, candidate.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      if (SigningKeys.same(expected, signature)) {
        return;
      }
    }
    throw mismatch(stored.accessKeyId(), stringToSign + resources.getFirst(), signature, "");
  }

  // ---- browser POST uploads (S3): the form's policy is what is signed ----

  /**
   * A SigV4 POST form: the signature is the HMAC-SHA256 of the base64 policy with the signing key
   * of x-amz-credential's scope, which must be of x-amz-date's day. The policy's own expiration
   * stands for the request's age.
   *
   * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-UsingHTTPPOST.html">POST
   *     authentication</a>
   */
  public Authenticated verifyPostPolicy(
      String credential,
      String amzDate,
      String policy,
      String signature,
      @Nullable String token,
      Instant now) {
    CredentialScope scope = CredentialScope.parse(credential);
    parseAmzDate(amzDate);
    checkScopeDate(scope, amzDate);
    StoredCredential stored = credential(scope.accessKeyId(), token, now);
    byte[] signingKey = keys.derive(stored.secretAccessKey(), scope);
    String expected = SigningKeys.hex(SigningKeys.hmac(signingKey, policy));
    if (!SigningKeys.same(expected, signature)) {
      throw mismatch(scope.accessKeyId(), policy, signature, "");
    }
    return new Authenticated(stored, scope, InputStream.nullInputStream(), -1, null);
  }

  /** A SigV2 POST form: the base64 HMAC-SHA1 of the base64 policy with the secret key. */
  public Authenticated verifyPostPolicyV2(
      String accessKeyId, String policy, String signature, @Nullable String token, Instant now) {
    StoredCredential stored = credential(accessKeyId, token, now);
    String expected =
        Base64.getEncoder()
            .encodeToString(
                SigningKeys.hmac(
                    stored.secretAccessKey().getBytes(StandardCharsets.UTF_8),
                    policy.getBytes(StandardCharsets.UTF_8),
                    "HmacSHA1"));
    if (!SigningKeys.same(expected, signature)) {
      throw mismatch(accessKeyId, policy, signature, "");
    }
    return new Authenticated(stored, null, InputStream.nullInputStream(), -1, null);
  }

  // ---- shared checks ----

  private StoredCredential credential(String accessKeyId, @Nullable String token, Instant now) {
    StoredCredential stored = credentials.find(accessKeyId);
    if (stored == null || !stored.active()) {
      throw new AuthException(
          AuthFailure.UNKNOWN_ACCESS_KEY,
          "The AWS Access Key Id you provided does not exist in our records.");
    }
    String expectedToken = stored.sessionToken();
    if (expectedToken == null) {
      if (token != null) {
        throw new AuthException(
            AuthFailure.INVALID_TOKEN, "The provided token is malformed or otherwise invalid.");
      }
      return stored;
    }
    if (token == null || !SigningKeys.same(expectedToken, token)) {
      throw new AuthException(
          AuthFailure.INVALID_TOKEN, "The provided token is malformed or otherwise invalid.");
    }
    Instant expiration = stored.expiration();
    if (expiration != null && !now.isBefore(expiration)) {
      throw new AuthException(AuthFailure.EXPIRED_TOKEN, "The provided token has expired.");
    }
    return stored;
  }

  private static String amzDate(SignedRequest request) {
    String amzDate = request.header("x-amz-date");
    if (amzDate != null) {
      return amzDate;
    }
    String date = request.header("date");
    if (date == null) {
      throw new AuthException(
          AuthFailure.MISSING_DATE,
          "AWS authentication requires a valid Date or x-amz-date header");
    }
    try {
      return AMZ_DATE.format(ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME));
    } catch (DateTimeParseException e) {
      throw new AuthException(
          AuthFailure.MISSING_DATE,
          "AWS authentication requires a valid Date or x-amz-date header");
    }
  }

  private static Instant parseAmzDate(String amzDate) {
    try {
      return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\", not " + amzDate);
    }
  }

  private static void checkScopeDate(CredentialScope scope, String amzDate) {
    if (!amzDate.startsWith(scope.date())) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "Invalid credential date \""
              + scope.date()
              + "\". This date is not the same as X-Amz-Date: \""
              + amzDate.substring(0, Math.min(8, amzDate.length()))
              + "\".");
    }
  }

  private static void checkSkew(Instant requestTime, Instant now, String amzDate) {
    if (Duration.between(requestTime, now).abs().compareTo(MAX_SKEW) > 0) {
      String nowText = AMZ_DATE.format(now);
      String message =
          requestTime.isBefore(now)
              ? "Signature expired: "
                  + amzDate
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(MAX_SKEW))
                  + " ("
                  + nowText
                  + " - 15 min.)"
              : "Signature not yet current: "
                  + amzDate
                  + " is still later than "
                  + AMZ_DATE.format(now.plus(MAX_SKEW))
                  + " ("
                  + nowText
                  + " + 15 min.)";
      Map<String, String> details = new LinkedHashMap<>();
      details.put("RequestTime", amzDate);
      details.put("ServerTime", now.toString());
      details.put("MaxAllowedSkewMilliseconds", Long.toString(MAX_SKEW.toMillis()));
      throw new AuthException(AuthFailure.TIME_SKEW, message, details);
    }
  }

  static AuthException mismatch(
      String accessKeyId, String stringToSign, String provided, String canonical) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("AWSAccessKeyId", accessKeyId);
    details.put("StringToSign", stringToSign);
    details.put("SignatureProvided", provided);
    details.put("StringToSignBytes", spacedHex(stringToSign));
    if (!canonical.isEmpty()) {
      details.put("CanonicalRequest", canonical);
      details.put("CanonicalRequestBytes", spacedHex(canonical));
    }
    return new AuthException(
        AuthFailure.SIGNATURE_MISMATCH,
        "The request signature we calculated does not match the signature you provided.",
        details);
  }

  /** The UTF-8 bytes of a text as S3 shows them in errors: two hex digits each, space-separated. */
  private static String spacedHex(String text) {
    StringBuilder hex = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      if (!hex.isEmpty()) {
        hex.append(' ');
      }
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  private static Map<String, String> authorizationParts(String authorization) {
    Map<String, String> parts = new LinkedHashMap<>();
    String rest = authorization.substring(authorization.indexOf(' ') + 1);
    for (String part : rest.split(",")) {
      String trimmed = part.trim();
      int eq = trimmed.indexOf('=');
      if (eq > 0) {
        parts.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
      }
    }
    return parts;
  }

  static Map<String, String> queryParameters(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return parameters;
    }
    for (String part : rawQuery.split("&")) {
      int eq = part.indexOf('=');
      String name = CanonicalRequest.decode(eq < 0 ? part : part.substring(0, eq));
      String value =
          eq < 0 ? "" : CanonicalRequest.decode(part.substring(eq + 1).replace("+", "%20"));
      parameters.putIfAbsent(name, value);
    }
    return parameters;
  }

  private static long contentLength(SignedRequest request) {
    String length = request.header("content-length");
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static long decodedContentLength(SignedRequest request) {
    String decoded = request.header("x-amz-decoded-content-length");
    if (decoded == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(decoded.trim());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AuthException(
        AuthFailure.INCOMPLETE_BODY,
        "x-amz-decoded-content-length '" + decoded + "' is not a length");
  }

  /** Bodies of query and JSON requests are small and hashed whole before the signature check. */
  private static byte[] readSignedBody(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_SIGNED_BODY + 1);
    if (bytes.length > MAX_SIGNED_BODY) {
      throw new AuthException(
          AuthFailure.MALFORMED, "The request body is larger than Ferry signs in memory");
    }
    return bytes;
  }

  private static String nullToEmpty(@Nullable String text) {
    return text == null ? "" : text;
  }
}
