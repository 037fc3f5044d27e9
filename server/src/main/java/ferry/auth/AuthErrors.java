package ferry.auth;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;

/**
 * Authentication failures in each wire family's words.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3 errors</a>
 * @see <a href="https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html">Common
 *     errors</a>
 */
public final class AuthErrors {
  private AuthErrors() {}

  public static AwsException toAws(AuthException e, WireProtocol protocol) {
    AwsException error =
        switch (protocol) {
          case REST_XML -> s3(e);
          case QUERY -> query(e);
          case JSON -> json(e);
        };
    if (protocol == WireProtocol.REST_XML) {
      for (var detail : e.details().entrySet()) {
        error = error.withField(detail.getKey(), detail.getValue());
      }
    }
    return error;
  }

  private static AwsException s3(AuthException e) {
    return switch (e.failure()) {
      case UNKNOWN_ACCESS_KEY ->
          error(
              "InvalidAccessKeyId",
              403,
              "The AWS Access Key Id you provided does not exist in our records.");
      case SIGNATURE_MISMATCH ->
          error(
              "SignatureDoesNotMatch",
              403,
              "The request signature we calculated does not match the signature you provided."
                  + " Check your key and signing method.");
      case MALFORMED -> error("AuthorizationHeaderMalformed", 400, e.getMessage());
      case MALFORMED_QUERY -> error("AuthorizationQueryParametersError", 400, e.getMessage());
      case MALFORMED_URI ->
          error("InvalidURI", 400, "Couldn't parse the specified URI: " + e.getMessage() + ".");
      case MISSING_DATE -> error("AccessDenied", 403, e.getMessage());
      case MISSING_CONTENT_SHA256 -> error("InvalidRequest", 400, e.getMessage());
      case INVALID_CONTENT_SHA256 -> error("InvalidArgument", 400, e.getMessage());
      case MISSING_AUTHENTICATION -> error("AccessDenied", 403, e.getMessage());
      case INVALID_REGION ->
          error(
              "AuthorizationHeaderMalformed",
              400,
              "The authorization header is malformed; the region '' is wrong; expecting"
                  + " 'us-east-1'");
      case EXPIRED_TOKEN -> error("ExpiredToken", 400, "The provided token has expired.");
      case INVALID_TOKEN ->
          error("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
      case TIME_SKEW ->
          error(
              "RequestTimeTooSkewed",
              403,
              "The difference between the request time and the current time is too large.");
      case PRESIGNED_EXPIRED -> error("AccessDenied", 403, "Request has expired");
      case PAYLOAD_HASH_MISMATCH ->
          error(
              "XAmzContentSHA256Mismatch",
              400,
              "The provided 'x-amz-content-sha256' header does not match what was computed.");
      case INCOMPLETE_BODY ->
          error(
              "IncompleteBody",
              400,
              "You did not provide the number of bytes specified by the Content-Length HTTP header");
      case UNSUPPORTED -> error("NotImplemented", 501, e.getMessage());
    };
  }

  private static AwsException query(AuthException e) {
    return switch (e.failure()) {
      case UNKNOWN_ACCESS_KEY, INVALID_TOKEN ->
          error(
              "InvalidClientTokenId",
              403,
              "The security token included in the request is invalid.");
      case SIGNATURE_MISMATCH, PAYLOAD_HASH_MISMATCH ->
          error(
              "SignatureDoesNotMatch",
              403,
              "The request signature we calculated does not match the signature you provided."
                  + " Check your AWS Secret Access Key and signing method.");
      case TIME_SKEW, PRESIGNED_EXPIRED -> error("SignatureDoesNotMatch", 403, e.getMessage());
      case MALFORMED,
          MALFORMED_QUERY,
          MISSING_DATE,
          MISSING_CONTENT_SHA256,
          INVALID_CONTENT_SHA256,
          INCOMPLETE_BODY ->
          error("IncompleteSignature", 400, e.getMessage());
      case MALFORMED_URI -> malformedQueryString(e);
      case MISSING_AUTHENTICATION ->
          error("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
      case INVALID_REGION -> error("SignatureDoesNotMatch", 403, e.getMessage());
      case EXPIRED_TOKEN ->
          error("ExpiredToken", 403, "The security token included in the request is expired");
      case UNSUPPORTED -> error("InvalidAction", 400, e.getMessage());
    };
  }

  private static AwsException json(AuthException e) {
    return switch (e.failure()) {
      case UNKNOWN_ACCESS_KEY, INVALID_TOKEN ->
          error(
              "UnrecognizedClientException",
              400,
              "The security token included in the request is invalid.");
      case SIGNATURE_MISMATCH, PAYLOAD_HASH_MISMATCH ->
          error(
              "InvalidSignatureException",
              400,
              "The request signature we calculated does not match the signature you provided."
                  + " Check your AWS Secret Access Key and signing method.");
      case TIME_SKEW, PRESIGNED_EXPIRED -> error("InvalidSignatureException", 400, e.getMessage());
      case MALFORMED,
          MALFORMED_QUERY,
          MISSING_DATE,
          MISSING_CONTENT_SHA256,
          INVALID_CONTENT_SHA256,
          INCOMPLETE_BODY ->
          error("IncompleteSignatureException", 400, e.getMessage());
      case MALFORMED_URI -> malformedQueryString(e);
      case MISSING_AUTHENTICATION ->
          error("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
      case INVALID_REGION -> error("InvalidSignatureException", 400, e.getMessage());
      case EXPIRED_TOKEN ->
          error(
              "ExpiredTokenException",
              400,
              "The security token included in the request is expired");
      case UNSUPPORTED -> error("UnknownOperationException", 400, e.getMessage());
    };
  }

  /** The common error, with the 404 AWS documents for it. */
  private static AwsException malformedQueryString(AuthException e) {
    return error(
        "MalformedQueryString",
        404,
        "The query string contains a syntax error: " + e.getMessage() + ".");
  }

  private static AwsException error(String code, int status, String message) {
    return new AwsException(
        status >= 500 ? ErrorCode.receiver(code, status) : ErrorCode.sender(code, status), message);
  }
}
