package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RunningFerry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refusal written before the request's body has arrived: the connection still carries the
 * client's next request, or the answer says it closes. Raw sockets, to control when the body is
 * sent; the refused request is a POST of plain text to a bucket, which S3 answers 412 without
 * needing its body.
 */
class RefusedBodyWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @Test
  void aBodySentAfterAPause_isReadBeforeTheRefusal_andTheConnectionCarriesTheNextRequest()
      throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      out.write(head(5).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.sleep(300);
      out.write("key=k".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String first = readResponse(in);
      out.write((head(5) + "key=k").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String second = readResponse(in);

      assertThat(first).startsWith("HTTP/1.1 412 ").doesNotContainIgnoringCase("connection: close");
      assertThat(second).startsWith("HTTP/1.1 412 ").contains("<Code>PreconditionFailed</Code>");
    }
  }

  @Test
  void aRefusedBodyLongerThanFerryReads_endsTheConnection_andTheAnswerSaysSo() throws Exception {
    int length = RequestBodies.READ_BEFORE_REFUSING * 3;
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head(length).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread sender =
          Thread.ofVirtual()
              .start(() -> {
                try {
                  out.write(new byte[length]);
                  out.flush();
                } catch (IOException closedByFerry) {
                  // Ferry stops reading and closes: the rest of the body is not wanted.
                }
              });
      InputStream in = socket.getInputStream();

      String answer = readResponse(in);

      assertThat(answer).startsWith("HTTP/1.1 412 ").containsIgnoringCase("connection: close");
      assertThat(in.read()).isEqualTo(-1);
      sender.join();
    }
  }

  private static Socket connect() throws IOException {
    URI endpoint = ferry.endpoint();
    Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String head(int contentLength) {
    URI endpoint = ferry.endpoint();
    return "POST /refused-bucket HTTP/1.1\r\nHost: "
        + endpoint.getHost()
        + ":"
        + endpoint.getPort()
        + "\r\nContent-Type: text/plain\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n";
  }

  /** One response: its status line and headers, then as many body bytes as it announces. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("The connection ended before an answer: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
