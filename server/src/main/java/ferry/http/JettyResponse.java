package ferry.http;

import ferry.protocol.ApiResponse;
import java.io.OutputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/** A service's {@link ApiResponse} written to a Jetty response. */
final class JettyResponse implements ApiResponse {
  private final Response response;
  private @Nullable OutputStream body;

  JettyResponse(Response response) {
    this.response = response;
  }

  @Override
  public void status(int status) {
    response.setStatus(status);
  }

  @Override
  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  @Override
  public OutputStream body() {
    if (body == null) {
      body = Content.Sink.asOutputStream(response);
    }
    return body;
  }

  /** Whether the status and headers are already on their way, so an error can no longer be sent. */
  boolean isCommitted() {
    return body != null || response.isCommitted();
  }
}
