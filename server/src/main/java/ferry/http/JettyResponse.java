package ferry.http;

import ferry.protocol.ApiResponse;
import ferry.store.BufferPool;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Consumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/** A service's {@link ApiResponse} written to a Jetty response. */
final class JettyResponse implements ApiResponse {
  /** Small writes are gathered up to this size; larger ones, such as object chunks, go straight. */
  private static final BufferPool BODY_BUFFERS = new BufferPool(64 * 1024, 64);

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
      body = new Body(Content.Sink.asOutputStream(response));
    }
    return body;
  }

  /** The body bytes handed to Jetty so far. */
  long bytesSent() {
    return bytesSent;
  }

  /**
   * The body on its way to Jetty. Small writes are gathered in a pooled buffer (unbuffered, each
   * would be a blocking round through Jetty's selector); writes of the buffer's size or more, such
   * as object chunks, go straight. Counts what reaches Jetty.
   */
  private final class Body extends OutputStream {
    private final OutputStream jetty;

    /** Taken at the first small write, given back at close. */
    private byte @Nullable [] gathered;

    private int count;
    private boolean closed;

    Body(OutputStream jetty) {
      this.jetty = jetty;
    }

    @Override
    public void write(int b) throws IOException {
      requireOpen();
      byte[] into = room(1);
      into[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      requireOpen();
      if (length >= BODY_BUFFERS.size()) {
        send();
        jetty.write(bytes, offset, length);
        bytesSent += length;
        return;
      }
      byte[] into = room(length);
      System.arraycopy(bytes, offset, into, count, length);
      count += length;
    }

    private void requireOpen() throws IOException {
      if (closed) {
        throw new IOException("The response body is already complete");
      }
    }

    /**
     * The gathering buffer with room for {@code length} more bytes, sending what it holds first.
     */
    private byte[] room(int length) throws IOException {
      if (gathered == null) {
        gathered = BODY_BUFFERS.take();
      } else if (length > gathered.length - count) {
        send();
      }
      return gathered;
    }

    private void send() throws IOException {
      if (count > 0 && gathered != null) {
        jetty.write(gathered, 0, count);
        bytesSent += count;
        count = 0;
      }
    }

    @Override
    public void flush() throws IOException {
      send();
      jetty.flush();
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        send();
        jetty.close();
      } finally {
        if (gathered != null) {
          BODY_BUFFERS.give(gathered);
          gathered = null;
        }
      }
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
