package ferry.protocol;

import ferry.aws.WireProtocol;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One AWS service's binding to HTTP: it reads a request and writes the service's answer. */
public interface ServiceApi {

  /** The SigV4 signing name that selects this service, such as {@code s3} or {@code sts}. */
  String signingName();

  WireProtocol protocol();

  /** The names of the operations this binding implements, as the service's API model names them. */
  Set<String> implementedOperations();

  /**
   * Whether the service is global, as IAM is: a request signed for any region, even a blank one, is
   * served, and acts in us-east-1, where AWS keeps the global endpoint.
   */
  default boolean global() {
    return false;
  }

  /**
   * Whether a request without credentials may be served for this operation (the query Action or
   * JSON target operation; null when the request names none). Only S3 serves anonymous callers, and
   * STS its sign-ins by SAML assertion or web identity token; every other request without
   * credentials is refused with {@code MissingAuthenticationToken}.
   */
  default boolean servesUnsigned(@Nullable String operation) {
    return false;
  }

  /**
   * The operation a request names, as the service's API model calls it (S3's HeadObject, not the
   * s3:GetObject it is authorized as); null when the binding cannot tell, and for bindings whose
   * operation is in the X-Amz-Target header or the query Action.
   */
  default @Nullable String operationOf(ApiRequest request) {
    return null;
  }

  /**
   * Answers one authenticated request. Errors are thrown as {@link ferry.aws.AwsException}; the
   * HTTP layer renders them in {@link #protocol()}'s format.
   */
  void serve(ApiRequest request, ApiResponse response) throws IOException;

  /**
   * Told once the answer to an authenticated request has been sent, error answers included: S3
   * writes its server access logs from here. It must not throw or block.
   */
  default void answered(ApiRequest request, RequestOutcome outcome) {}
}
