package ferry.protocol;

import ferry.aws.AwsException;
import ferry.aws.WireProtocol;
import ferry.protocol.json.JsonErrorWriter;
import ferry.protocol.query.QueryErrorWriter;
import ferry.protocol.restxml.RestXmlErrorWriter;
import java.io.IOException;

/** Renders an {@link AwsException} as one wire family writes its errors. */
public interface ErrorWriter {

  /**
   * Writes the error; for a HEAD request only the status and headers, as HEAD answers have no body.
   */
  void write(AwsException error, String requestId, boolean head, ApiResponse response)
      throws IOException;

  static ErrorWriter of(WireProtocol protocol, String service) {
    return switch (protocol) {
      case REST_XML -> new RestXmlErrorWriter();
      case QUERY -> new QueryErrorWriter(QueryNamespaces.of(service));
      case JSON -> new JsonErrorWriter();
    };
  }

  /** Headers every error carries, then the body unless the request was a HEAD. */
  static void send(
      AwsException error, boolean head, String contentType, byte[] body, ApiResponse response)
      throws IOException {
    response.status(error.httpStatus());
    error.headers().forEach(response::header);
    if (head) {
      response.sendEmpty(error.httpStatus());
    } else {
      response.send(error.httpStatus(), contentType, body);
    }
  }
}
