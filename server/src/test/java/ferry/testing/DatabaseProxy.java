package ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between Ferry and the test PostgreSQL server that a test can cut (every connection
 * closed, new ones refused, as a stopped database does) and restore on the same port.
 */
public final class DatabaseProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  private DatabaseProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  /** A relay to the server of a PostgreSQL JDBC URL. */
  public static DatabaseProxy to(String jdbcUrl) throws IOException {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return new DatabaseProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
  }

  /** The same JDBC URL, through this relay. */
  public String url(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return jdbcUrl.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + port);
  }

  /** The database goes away: open connections break, new ones are refused. */
  public synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /** The database is back, on the same port. */
  public synchronized void restore() throws IOException, InterruptedException {
    // The cut listener's accepting thread lets go of the port a moment after close.
    for (int attempt = 1; ; attempt++) {
      try {
        listener = listen(port);
        break;
      } catch (BindException stillBound) {
        if (attempt == 50) {
          throw stillBound;
        }
        Thread.sleep(20);
      }
    }
    accept(listener);
  }

  private static ServerSocket listen(int port) throws IOException {
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void accept(ServerSocket from) {
    Thread.ofPlatform()
        .daemon()
        .name("database-proxy")
        .start(() -> {
          while (!from.isClosed()) {
            try {
              Socket client = from.accept();
              // With cut's lock: a connection accepted as the cut began is either registered
              // before it, and closed by it, or refused here, never relayed through the outage.
              synchronized (this) {
                if (from.isClosed()) {
                  closeQuietly(client);
                  return;
                }
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                relay(client, server);
                relay(server, client);
              }
            } catch (IOException e) {
              return;
            }
          }
        });
  }

  private void relay(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(() -> {
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException e) {
            // One side closed: the other is closed below.
          } finally {
            closeQuietly(from);
            closeQuietly(to);
          }
        });
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
