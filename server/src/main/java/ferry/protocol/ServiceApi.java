package ferry.protocol;

import ferry.aws.WireProtocol;
import java.io.IOException;
import java.util.Set;

/** One AWS service's binding to HTTP: it reads a request and writes the service's answer. */
public interface ServiceApi {

  /** The SigV4 signing name that selects this service, such as {@code s3} or {@code sts}. */
  String signingName();

  WireProtocol protocol();

  /** The names of the operations this binding implements, as the service's API model names them. */
  Set<String> implementedOperations();

  /**
   * Answers one authenticated request. Errors are thrown as {@link ferry.aws.AwsException}; the
   * HTTP layer renders them in {@link #protocol()}'s format.
   */
  void serve(ApiRequest request, ApiResponse response) throws IOException;
}
