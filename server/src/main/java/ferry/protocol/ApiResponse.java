package ferry.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Where a service binding writes its answer. Headers must be set before the body is written. */
public interface ApiResponse {

  void status(int status);

  void header(String name, String value);

  /**
   * Names the operation the request is, when only its body says so (a query-protocol form's {@code
   * Action}), for the audit record of the request.
   */
  default void operation(String name) {}

  /** The body; opening it commits the status and headers. */
  OutputStream body() throws IOException;

  default void send(int status, String contentType, byte[] body) throws IOException {
    status(status);
    header("Content-Type", contentType);
    header("Content-Length", Integer.toString(body.length));
    try (OutputStream out = body()) {
      out.write(body);
    }
  }

  default void sendXml(int status, String xml) throws IOException {
    send(status, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  default void sendEmpty(int status) throws IOException {
    status(status);
    header("Content-Length", "0");
    body().close();
  }
}
