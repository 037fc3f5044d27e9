package ferry.http;

import ferry.protocol.ApiResponse;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/** A service's {@link ApiResponse} written to a Jetty response. */
final class JettyResponse implements ApiResponse {
  /** Small writes are gathered up to this size; larger ones, such as object chunks, go straight. */
  private static final int BODY_BUFFER = 64 * 1024;

  private final Response response;
  private @Nullable OutputStream body;
  private long bytesSent;
  private Runnable beforeCommit = () -> {};
  private Consumer<String> operationNamed = name -> {};

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

  /** Told the operation a request's body names, for its audit record. */
  void onOperation(Consumer<String> action) {
    this.operationNamed = action;
  }

  @Override
  public void operation(String name) {
    operationNamed.accept(name);
  }

  /** Runs once, just before the status and headers are committed: the audit record is written. */
  void beforeCommit(Runnable action) {
    this.beforeCommit = action;
  }

  @Override
  public OutputStream body() {
    if (body == null) {
      beforeCommit.run();
      // Unbuffered, every write would be a blocking round through Jetty's selector.
      body =
          new BufferedOutputStream(
              new Counting(Content.Sink.asOutputStream(response)), BODY_BUFFER);
    }
    return body;
  }

  /** The body bytes handed to Jetty so far. */
  long bytesSent() {
    return bytesSent;
  }

  /** Counts what reaches Jetty, after the buffer, so small writes cost nothing more. */
  private final class Counting extends FilterOutputStream {
    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      bytesSent++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      bytesSent += length;
    }
  }

  /** Sends what is still buffered; a service that never asked for the body sends none. */
  void finish() throws IOException {
    if (body != null) {
      body.close();
    }
  }

  /** Whether the status and headers are already on their way, so an error can no longer be sent. */
  boolean isCommitted() {
    return body != null || response.isCommitted();
  }
}
