package ferry.http;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** What is left of a request's body when Ferry refuses the request before reading it all. */
final class RequestBodies {
  /** More than any form, policy or small object a client sends whole before reading the answer. */
  static final int READ_BEFORE_REFUSING = 1 << 20;

  private RequestBodies() {}

  /**
   * Reads and drops what is left of the body, up to {@link #READ_BEFORE_REFUSING}, so the
   * connection can carry the client's next request; when more is left, the answer says the
   * connection closes after it. Without this a refusal written before the body had arrived left
   * Jetty to close the connection after an answer that did not say so, and a client that had sent
   * its next request on it meanwhile saw that request dropped. A client waiting for "100 Continue"
   * has sent nothing: its body is left unasked for, as before.
   */
  static void finishBeforeRefusal(Request request, InputStream body, Response response) {
    if (request.getHeaders().contains(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString())) {
      return;
    }
    byte[] scratch = new byte[8192];
    long left = READ_BEFORE_REFUSING;
    try {
      while (left >= 0) {
        int read = body.read(scratch, 0, (int) Math.min(scratch.length, left + 1));
        if (read < 0) {
          return;
        }
        left -= read;
      }
    } catch (IOException unreadable) {
      // The client stopped sending: nothing more will come on this connection.
    }
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
  }
}
