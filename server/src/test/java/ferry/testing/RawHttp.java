package ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request head sent on a socket exactly as written, for what no HTTP client sends (a Host of the
 * test's choosing, a URI that is not valid); the head should ask for {@code Connection: close}.
 */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code head} (request line and headers, ending in an empty line); the whole answer. */
  public static String exchange(URI endpoint, String head) throws IOException {
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      try (InputStream in = socket.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
