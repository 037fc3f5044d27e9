package ferry.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster of this test's own, from Debian's postgresql package (as {@code
 * bench/scripts/postgres.sh} makes one): loopback only, C collation, user ferry with password
 * ferry. Its own, so a test may stop and start it (a database outage) without disturbing other
 * tests. As root the cluster belongs to the postgres user, since PostgreSQL refuses to run as root.
 */
final class PostgresCluster implements AutoCloseable {
  static final String USER = "ferry";
  static final String PASSWORD = "ferry";

  private final Path bin;
  private final Path dir;
  private final int port;

  private PostgresCluster(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** The newest PostgreSQL under /usr/lib/postgresql, or null when none is installed. */
  static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (var versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max((a, b) ->
              Integer.compare(
                  Integer.parseInt(a.getParent().getFileName().toString().replaceAll("\\D", "")),
                  Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", ""))))
          .orElse(null);
    }
  }

  static PostgresCluster start() throws Exception {
    Path bin = binaries();
    if (bin == null) {
      String message =
          "No PostgreSQL under /usr/lib/postgresql: apt-get install postgresql (.ci/run does)";
      // As PostgresDatabase: skipped in a local run, a failure in CI.
      if (System.getenv("CI") != null || Boolean.getBoolean("ferry.test.requirePostgres")) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
    Path dir = Files.createTempDirectory("ferry-pg-");
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var cluster = new PostgresCluster(bin, dir, port);
    Path pwfile = dir.resolve("pw");
    Files.writeString(pwfile, PASSWORD + "\n");
    Path data = dir.resolve("data");
    if (root()) {
      run(List.of("chown", "-R", "postgres", dir.toString()));
    }
    cluster.asOwner(
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-U",
        USER,
        "--pwfile=" + pwfile,
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "--locale=C",
        "--encoding=UTF8");
    cluster.startServer();
    return cluster;
  }

  /** Starts the server again after {@link #stopServer()}: the database comes back. */
  void startServer() throws Exception {
    asOwner(
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "start",
        "-o",
        "-p "
            + port
            + " -k "
            + dir
            // fsync=off: an immediate stop keeps every commit (its WAL is in the OS's cache); not
            // synchronous_commit=off, which answered commits still in PostgreSQL's own buffers and
            // lost them at the outage test's stop (its bucket, made just before, was gone).
            + " -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off"
            + " -c full_page_writes=off");
  }

  /** Stops the server at once, every connection cut: the database is gone until started again. */
  void stopServer() throws Exception {
    asOwner(
        bin.resolve("pg_ctl").toString(),
        "-D",
        dir.resolve("data").toString(),
        "-w",
        "stop",
        "-m",
        "immediate");
  }

  String serverUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A new, empty database on the cluster; its JDBC URL. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl(), USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE DATABASE "
              + name
              + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C'"
              + " LC_CTYPE 'C'");
    }
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  private void asOwner(String... command) throws Exception {
    List<String> full = new ArrayList<>();
    if (root()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      stopServer();
    } catch (Exception alreadyStopped) {
      // The server was stopped by the test, or never started.
    }
    try {
      run(List.of("rm", "-rf", dir.toString()));
    } catch (Exception e) {
      throw new IOException("Cannot remove " + dir, e);
    }
  }
}
