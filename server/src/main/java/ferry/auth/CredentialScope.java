package ferry.auth;

/** The {@code <date>/<region>/<service>/aws4_request} scope a request is signed for. */
public record CredentialScope(String accessKeyId, String date, String region, String service) {

  /** Parses {@code AK/20130524/us-east-1/s3/aws4_request}; null parts make it malformed. */
  static CredentialScope parse(String credential) {
    String[] parts = credential.split("/");
    if (parts.length != 5 || !parts[4].equals("aws4_request") || !parts[1].matches("\\d{8}")) {
      throw new AuthException(
          AuthFailure.MALFORMED,
          "The credential is malformed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
  }

  public String scope() {
    return date + "/" + region + "/" + service + "/aws4_request";
  }
}
