package ferry.auth;

/** The ways authentication fails; each wire family names them in its own words (AuthErrors). */
public enum AuthFailure {
  UNKNOWN_ACCESS_KEY,
  SIGNATURE_MISMATCH,
  MALFORMED,
  MISSING_AUTHENTICATION,
  EXPIRED_TOKEN,
  INVALID_TOKEN,
  TIME_SKEW,
  PRESIGNED_EXPIRED,
  PAYLOAD_HASH_MISMATCH,
  INCOMPLETE_BODY,
  UNSUPPORTED
}
