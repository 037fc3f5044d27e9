package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.http.DecisionClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry explain}: why a request was allowed or denied, policy by policy. */
@Command(
    name = "explain",
    description = "Explain an authorization decision of a running Ferry (the id an error names).")
public final class ExplainCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", description = "Decision id, e.g. from x-ferry-decision-id.")
  @Nullable String id;

  @Option(names = "--last", description = "Explain the last N decisions instead.")
  @Nullable Integer last;

  @Option(names = "--denied", description = "With --last: only denied decisions.")
  boolean deniedOnly;

  @Mixin FerryEndpoint endpoint;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (id == null && last == null) {
      last = 1;
    }
    String path = id != null ? "/_ferry/decisions/" + id : "/_ferry/decisions?last=" + last;
    DecisionClient.Answer answer;
    try {
      answer = new DecisionClient(endpoint.uri).get(path);
    } catch (IOException e) {
      System.err.println(
          "ferry explain: cannot reach Ferry at " + endpoint + " (" + e.getMessage() + ")");
      return 2;
    }
    JsonNode body = answer.body();
    if (answer.status() != 200) {
      System.err.println("ferry explain: " + body.path("message").asText());
      return 1;
    }
    if (id != null) {
      DecisionText.print(body, "", System.out);
    } else {
      for (JsonNode decision : body.path("decisions")) {
        if (!deniedOnly || !decision.path("allowed").asBoolean()) {
          DecisionText.print(decision, "", System.out);
        }
      }
    }
    return 0;
  }
}
