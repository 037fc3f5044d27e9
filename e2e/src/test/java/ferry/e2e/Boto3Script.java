package ferry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Python script of this module's test clients, run with boto3 as one of Ferry's accounts (see
 * {@link ClientEnvironment}), the endpoint in {@code FERRY_ENDPOINT}. It prints one JSON document,
 * which {@link #run} returns.
 */
final class Boto3Script {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Boto3Script() {}

  static JsonNode run(Path script, URI endpoint, FerryServer.Account account, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(arguments));
    Path out = Files.createTempFile("boto3-out", ".txt");
    Path err = Files.createTempFile("boto3-err", ".txt");
    try {
      var builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      Map<String, String> env = builder.environment();
      ClientEnvironment.isolate(env, account.accessKeyId(), account.secretAccessKey());
      env.put("FERRY_ENDPOINT", endpoint.toString());
      Process process = builder.start();
      boolean finished = process.waitFor(2, TimeUnit.MINUTES);
      if (!finished) {
        process.destroyForcibly().waitFor();
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      if (!finished || process.exitValue() != 0) {
        throw new AssertionError(
            script.getFileName()
                + (finished ? " failed" : " did not finish in 2 minutes")
                + ":\n"
                + Files.readString(err, StandardCharsets.UTF_8)
                + stdout);
      }
      return JSON.readTree(stdout);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
