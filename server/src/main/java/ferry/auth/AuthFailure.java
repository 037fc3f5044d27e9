package ferry.auth;

/** The ways authentication fails; each wire family names them in its own words (AuthErrors). */
public enum AuthFailure {
  UNKNOWN_ACCESS_KEY,
  SIGNATURE_MISMATCH,
  MALFORMED,
  /** A presigned URL's X-Amz- parameters are missing or invalid. */
  MALFORMED_QUERY,
  /** A query string that is not percent-encoded UTF-8 (PercentDecoding). */
  MALFORMED_URI,
  /** Neither X-Amz-Date nor Date. */
  MISSING_DATE,
  /** An S3 request signed in the header without x-amz-content-sha256. */
  MISSING_CONTENT_SHA256,
  /** An x-amz-content-sha256 that is no hash and no known token. */
  INVALID_CONTENT_SHA256,
  MISSING_AUTHENTICATION,
  /** A credential scope whose region is blank, for a service that is not global. */
  INVALID_REGION,
  EXPIRED_TOKEN,
  INVALID_TOKEN,
  TIME_SKEW,
  PRESIGNED_EXPIRED,
  PAYLOAD_HASH_MISMATCH,
  INCOMPLETE_BODY,
  UNSUPPORTED
}
