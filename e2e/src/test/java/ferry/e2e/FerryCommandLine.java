package ferry.e2e;

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

  static Result run(List<String> command, Path directory, Duration timeout)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("ferry-command", ".txt");
    try {
      long started = System.nanoTime();
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
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
