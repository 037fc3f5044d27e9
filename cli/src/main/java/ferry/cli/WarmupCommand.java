package ferry.cli;

import ferry.app.Ferry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry warmup DATA}: starts Ferry on a data folder as {@code ferry serve} does (its
 * options, configuration and banner included), answers a few requests and stops. The launcher runs
 * it twice after each build: once to make the folder (migrations, TLS material), then again on it
 * while the JDK records its ahead-of-time cache. So the cache holds what a usual start loads and
 * nothing a first start alone needs (Flyway, certificate generation): the JVM loads every class of
 * the cache at each start. The requests are written on plain sockets for the same reason: an HTTP
 * client's classes would be loaded by every server start.
 */
@Command(
    name = "warmup",
    hidden = true,
    description = "Start and stop Ferry once on a data folder (for the AOT cache).")
public final class WarmupCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DATA", description = "The data folder to start on.")
  Path data;

  @Override
  public Integer call() throws Exception {
    ServeCommand serve =
        ServeArguments.parse("serve", "--data", data.toString(), "--port", "0")
            .orElseThrow()
            .command();
    try (Ferry ferry = serve.start(new PrintStream(OutputStream.nullOutputStream()))) {
      for (String path : new String[] {"/_ferry/decisions", "/", "/warmup-bucket/key"}) {
        get(ferry.endpoint(), path);
      }
    }
    return 0;
  }

  private static void get(URI endpoint, String path) throws IOException {
    try (var socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + endpoint.getAuthority()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getInputStream().readAllBytes();
    }
  }
}
