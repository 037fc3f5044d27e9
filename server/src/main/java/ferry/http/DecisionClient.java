package ferry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a running Ferry's decision log over HTTP, {@code GET /_ferry/decisions[/ID]} as {@link
 * DecisionEndpoint} serves it: for {@code ferry explain}, the guide and ferry-junit's denial
 * assertions.
 */
public final class DecisionClient {
  /** A decision id as errors and {@code x-ferry-decision-id} carry it, e.g. {@code d-k3x9-17}. */
  public static final Pattern DECISION_ID = Pattern.compile("\\bd-[0-9a-z]+-\\d+\\b");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;

  public DecisionClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The answer to a decision request: the status and the JSON body. */
  public record Answer(int status, JsonNode body) {}

  public Answer get(String path) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(endpoint.resolve(path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }
  }

  /** The decision with this id, if the log still has it. */
  public Optional<JsonNode> find(String id) {
    try {
      Answer answer = get("/_ferry/decisions/" + id);
      return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The last {@code count} decisions, newest last. */
  public List<JsonNode> last(int count) {
    try {
      Answer answer = get("/_ferry/decisions?last=" + count);
      List<JsonNode> decisions = new ArrayList<>();
      answer.body().path("decisions").forEach(decisions::add);
      return decisions;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /**
   * The decision an error message names by id, else the newest denied decision: the one that
   * explains a failure which just happened.
   */
  public Optional<JsonNode> explaining(String errorMessage) {
    Matcher id = DECISION_ID.matcher(errorMessage);
    if (id.find()) {
      Optional<JsonNode> named = find(id.group());
      if (named.isPresent()) {
        return named;
      }
    }
    List<JsonNode> recent = last(200);
    for (int i = recent.size() - 1; i >= 0; i--) {
      if (!recent.get(i).path("allowed").asBoolean()) {
        return Optional.of(recent.get(i));
      }
    }
    return Optional.empty();
  }
}
