package ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between Ferry and the test PostgreSQL server that a test can cut (every connection
 * closed, and each new one closed as it opens, as a database going away looks to its clients) and
 * restore.
 */
public final class DatabaseProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private boolean cut;

  private DatabaseProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("database-proxy").start(this::accept);
  }

  /** A relay to the server of a PostgreSQL JDBC URL. */
  public static DatabaseProxy to(String jdbcUrl) throws IOException {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return new DatabaseProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
  }

  /** The same JDBC URL, through this relay. */
  public String url(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    return jdbcUrl.replace(
        uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + listener.getLocalPort());
  }

  /**
   * The database goes away: open connections break, and new ones are closed as soon as they open.
   * The port stays bound: released, another process (a test in the other test JVM) could bind it
   * and answer in the database's place.
   */
  public synchronized void cut() {
    cut = true;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** The database is back. */
  public synchronized void restore() {
    cut = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException closed) {
        return;
      }
      // Under cut's lock: a connection is relayed before a cut (which then closes it) or closed.
      synchronized (this) {
        if (cut) {
          closeQuietly(client);
          continue;
        }
        try {
          Socket server = new Socket(target.getAddress(), target.getPort());
          sockets.add(client);
          sockets.add(server);
          relay(client, server);
          relay(server, client);
        } catch (IOException e) {
          closeQuietly(client);
        }
      }
    }
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
    listener.close();
  }
}
