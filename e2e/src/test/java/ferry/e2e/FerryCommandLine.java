package ferry.e2e;

import ferry.junit.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a {@code ferry} command to its end as a real process and keeps what it printed. */
final class FerryCommandLine {
  private FerryCommandLine() {}

  /** What a finished command printed (stdout and stderr together) and its exit code. */
  record Result(int exitCode, String output, Duration took) {}

  /** {@code java -jar cli/target/ferry.jar ARGS}. */
  static Result jar(Duration timeout, String... arguments)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-jar", FerryServer.jar().toString()));
    command.addAll(List.of(arguments));
    return run(command, Path.of("").toAbsolutePath(), timeout);
  }

  /**
   * Runs a command; a {@code ferry} command with {@code --data DIR} keeps its metadata in that
   * folder's {@link TestDatabase} (PostgreSQL with {@code -Dferry.test.db=postgres}).
   */
  static Result run(List<String> command, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("ferry-command", ".txt");
    try {
      long started = System.nanoTime();
      var builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      int data = command.indexOf("--data");
      if (data >= 0 && data + 1 < command.size()) {
        builder.environment().putAll(TestDatabase.environment(Path.of(command.get(data + 1))));
      }
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException(
            String.join(" ", command)
                + " did not finish within "
                + timeout
                + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Result(
          process.exitValue(),
          Files.readString(log, StandardCharsets.UTF_8),
          Duration.ofNanos(System.nanoTime() - started));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
