package ferry.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Python script of this module's test clients, run with boto3 as one of Ferry's accounts (see
 * {@link ClientProcess}), the endpoint in {@code FERRY_ENDPOINT}. It prints one JSON document,
 * which {@link #run} returns.
 */
final class Boto3Script {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Boto3Script() {}

  static JsonNode run(Path script, URI endpoint, FerryServer.Account account, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(arguments));
    AwsCli.Result result =
        ClientProcess.run(
            command,
            account.accessKeyId(),
            account.secretAccessKey(),
            Map.of("FERRY_ENDPOINT", endpoint.toString()),
            Duration.ofMinutes(4));
    if (result.exitCode() != 0) {
      throw new AssertionError(
          script.getFileName() + " failed:\n" + result.stderr() + result.stdout());
    }
    return JSON.readTree(result.stdout());
  }
}
