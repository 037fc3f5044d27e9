package ferry.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * Runs {@code command} to its end as the account, with {@code more} variables on top, for {@code
   * timeout} at most; stdout and stderr go to files, so neither can block the process on a full
   * pipe.
   */
  static AwsCli.Result run(
      List<String> command,
      String accessKeyId,
      String secretAccessKey,
      Map<String, String> more,
      Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("client-out", ".txt");
    Path err = Files.createTempFile("client-err", ".txt");
    try {
      var builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      isolate(builder.environment(), accessKeyId, secretAccessKey);
      builder.environment().putAll(more);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(
            String.join(" ", command) + " did not finish in " + timeout.toMinutes() + " minutes");
      }
      return new AwsCli.Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
