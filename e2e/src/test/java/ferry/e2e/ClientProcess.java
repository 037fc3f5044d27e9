package ferry.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An AWS client process a test runs as one of Ferry's accounts: the account's keys in the SDKs' own
 * variables, us-east-1, and nothing of this machine's AWS set-up (no AWS_* variable of the build,
 * no config or credentials file, no instance metadata lookup, no pager).
 */
final class ClientProcess {
  private ClientProcess() {}

  /** Makes {@code env} the environment of a client process of the account with these keys. */
  static void isolate(Map<String, String> env, String accessKeyId, String secretAccessKey) {
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", accessKeyId);
    env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
  }

  /** The environment of a client process of the account with these keys, {@code more} on top. */
  static Map<String, String> environment(
      String accessKeyId, String secretAccessKey, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(System.getenv());
    isolate(env, accessKeyId, secretAccessKey);
    env.putAll(more);
    return env;
  }

  /**
   * Runs {@code command} to its end as the account, with {@code more} variables on top, for {@code
   * timeout} at most.
   */
  static AwsCli.Result run(
      List<String> command,
      String accessKeyId,
      String secretAccessKey,
      Map<String, String> more,
      Duration timeout)
      throws IOException, InterruptedException {
    return capture((out, err) -> {
      var builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      isolate(builder.environment(), accessKeyId, secretAccessKey);
      builder.environment().putAll(more);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw timedOut(command, timeout, process.pid());
      }
      return process.exitValue();
    });
  }

  /** A client run that writes to the files it is given and ends with an exit status. */
  interface Launch {
    int run(Path stdout, Path stderr) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code launch} with its stdout and stderr in files, so neither can block the process on a
   * full pipe, and returns what it printed.
   */
  static AwsCli.Result capture(Launch launch) throws IOException, InterruptedException {
    Path out = Files.createTempFile("client-out", ".txt");
    Path err = Files.createTempFile("client-err", ".txt");
    try {
      int exitCode = launch.run(out, err);
      return new AwsCli.Result(
          exitCode,
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static AssertionError timedOut(List<String> command, Duration timeout, long pid) {
    return new AssertionError(
        String.join(" ", command)
            + " did not finish in "
            + timeout.toSeconds()
            + " s: process "
            + pid
            + " killed");
  }
}
