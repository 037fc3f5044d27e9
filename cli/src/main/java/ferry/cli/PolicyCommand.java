package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** {@code ferry policy}: least-privilege policies from what a principal really did. */
@Command(
    name = "policy",
    description = "Least privilege: policies generated from the calls a principal made.",
    subcommands = {PolicyCommand.Generate.class, PolicyCommand.Unused.class})
public final class PolicyCommand implements Runnable {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * {@code ferry policy generate}: IAM Access Analyzer's StartPolicyGeneration and
   * GetGeneratedPolicy, signed with the caller's credentials, and the policy printed.
   */
  @Command(
      name = "generate",
      description =
          "Print the identity policy with exactly the actions and resources a user or role used.")
  public static final class Generate implements Callable<Integer> {
    @Option(names = "--principal", required = true, description = "The user or role ARN.")
    String principal = "";

    @Option(
        names = "--since",
        description = "Only calls since this time (ISO 8601, e.g. 2026-01-01T00:00:00Z).")
    @Nullable String since;

    @Option(
        names = "--profile",
        description =
            "aws CLI profile whose credentials sign the request (default: the usual chain).")
    @Nullable String profile;

    @Mixin FerryEndpoint endpoint;

    @Override
    public Integer call() throws IOException, InterruptedException {
      ObjectNode request = JSON.createObjectNode();
      request.putObject("policyGenerationDetails").put("principalArn", principal);
      if (since != null) {
        Instant start;
        try {
          start = OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
          System.err.println(
              "ferry policy generate: --since " + since + " is not an ISO 8601 time");
          return 2;
        }
        ObjectNode trail = request.putObject("cloudTrailDetails");
        // Ferry reads its own event history; the trail and role only need their form.
        String account = principal.split(":").length > 4 ? principal.split(":")[4] : "";
        trail
            .putArray("trails")
            .addObject()
            .put("cloudTrailArn", "arn:aws:cloudtrail:us-east-1:" + account + ":trail/history")
            .put("allRegions", true);
        trail.put("accessRole", "arn:aws:iam::" + account + ":role/AccessAnalyzerMonitorRole");
        trail.put("startTime", start.toString());
      }
      Client client = new Client(endpoint.uri, credentials(profile));
      JsonNode started = client.send("PUT", "/policy/generation", request);
      if (started == null) {
        return 1;
      }
      String jobId = started.path("jobId").asText();
      JsonNode result =
          client.send(
              "GET",
              "/policy/generation/" + URLEncoder.encode(jobId, StandardCharsets.UTF_8),
              null);
      if (result == null) {
        return 1;
      }
      String status = result.path("jobDetails").path("status").asText();
      if (!status.equals("SUCCEEDED")) {
        System.err.println("ferry policy generate: job " + jobId + " is " + status);
        return 1;
      }
      JsonNode policies = result.path("generatedPolicyResult").path("generatedPolicies");
      if (policies.isEmpty()) {
        System.err.println(
            "ferry policy generate: " + principal + " made no allowed call in the event history");
        return 1;
      }
      for (JsonNode policy : policies) {
        print(JSON.readTree(policy.path("policy").asText()), System.out);
      }
      return 0;
    }
  }

  /**
   * {@code ferry policy unused}: the statements and actions of a principal's identity policies that
   * no allowed access in the event history used, from Ferry's loopback-only {@code /_ferry/unused}.
   */
  @Command(
      name = "unused",
      description =
          "List the statements and actions of a user's or role's policies that no call used.")
  public static final class Unused implements Callable<Integer> {
    @Option(names = "--principal", required = true, description = "The user or role ARN.")
    String principal = "";

    @Option(
        names = "--since",
        description =
            "Only calls since this time (ISO 8601, e.g. 2026-01-01T00:00:00Z; default: the"
                + " event history's 90 days).")
    @Nullable String since;

    @Option(names = "--json", description = "Print the whole answer as JSON.")
    boolean json;

    @Mixin FerryEndpoint endpoint;

    @Override
    public Integer call() throws IOException, InterruptedException {
      if (since != null) {
        try {
          OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
          System.err.println("ferry policy unused: --since " + since + " is not an ISO 8601 time");
          return 2;
        }
      }
      String query =
          "principal="
              + URLEncoder.encode(principal, StandardCharsets.UTF_8)
              + (since == null ? "" : "&since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
      HttpResponse<String> response;
      try (HttpClient client = HttpClient.newHttpClient()) {
        response =
            client.send(
                HttpRequest.newBuilder(endpoint.resolve("/_ferry/unused?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        System.err.println(
            "ferry policy unused: cannot reach Ferry at " + endpoint + " (" + e.getMessage() + ")");
        return 1;
      }
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        System.err.println("ferry policy unused: " + answer.path("message").asText());
        return 1;
      }
      if (json) {
        print(answer, System.out);
      } else {
        printUnused(answer, System.out);
      }
      return 0;
    }
  }

  /** The unused statements and actions as text; what was used in full is left out. */
  static void printUnused(JsonNode answer, PrintStream out) {
    String principal = answer.path("principal").asText();
    String period =
        answer.has("since") ? "since " + answer.path("since").asText() : "in the event history";
    out.println(
        principal + ": " + answer.path("uses").asInt() + " allowed accesses recorded " + period);
    JsonNode policies = answer.path("policies");
    if (policies.isEmpty()) {
      out.println("It has no identity policies.");
      return;
    }
    boolean anyUnused = false;
    for (JsonNode policy : policies) {
      StringBuilder text = new StringBuilder();
      for (JsonNode statement : policy.path("statements")) {
        String name = statement.path("statement").asText();
        if (!statement.path("used").asBoolean()) {
          List<String> actions = new ArrayList<>();
          statement.path("actions").forEach(action -> actions.add(action.path("action").asText()));
          text.append("  ")
              .append(name)
              .append(": unused — ")
              .append(String.join(", ", actions))
              .append('\n');
          continue;
        }
        StringBuilder lines = new StringBuilder();
        for (JsonNode action : statement.path("actions")) {
          List<String> used = new ArrayList<>();
          action.path("used").forEach(u -> used.add(u.asText()));
          if (used.isEmpty()) {
            lines.append("    ").append(action.path("action").asText()).append(" — unused\n");
          } else if (action.path("wildcard").asBoolean()) {
            lines
                .append("    ")
                .append(action.path("action").asText())
                .append(" — used: ")
                .append(String.join(", ", used))
                .append("; unused otherwise\n");
          }
        }
        if (!lines.isEmpty()) {
          text.append("  ").append(name).append(":\n").append(lines);
        }
      }
      if (!text.isEmpty()) {
        anyUnused = true;
        out.println(policy.path("policy").asText());
        out.print(text);
      }
    }
    if (!anyUnused) {
      out.println("Every statement and action of its policies was used.");
    }
  }

  static void print(JsonNode policy, PrintStream out) throws IOException {
    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(policy));
  }

  static AwsCredentialsProvider credentials(@Nullable String profile) {
    return profile == null
        ? DefaultCredentialsProvider.builder().build()
        : ProfileCredentialsProvider.create(profile);
  }

  /** Access Analyzer's REST-JSON API, signed as AWS signs it ({@code access-analyzer}). */
  record Client(URI endpoint, AwsCredentialsProvider credentials) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The answer's JSON; null after printing the error when the request failed. */
    @Nullable JsonNode send(String method, String path, @Nullable JsonNode body)
        throws IOException, InterruptedException {
      byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
      SdkHttpRequest.Builder unsigned =
          SdkHttpRequest.builder()
              .method(SdkHttpMethod.fromValue(method))
              .uri(URI.create(endpoint.toString().replaceAll("/$", "") + path));
      if (body != null) {
        unsigned.putHeader("Content-Type", "application/json");
      }
      SignedRequest signed =
          AwsV4HttpSigner.create()
              .sign(r ->
                  r.identity(credentials.resolveIdentity().join())
                      .request(unsigned.build())
                      .payload(ContentStreamProvider.fromByteArray(bytes))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "access-analyzer")
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
      HttpRequest.Builder request =
          HttpRequest.newBuilder(signed.request().getUri())
              .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
      signed
          .request()
          .forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
              values.forEach(value -> request.header(name, value));
            }
          });
      HttpResponse<String> response;
      try {
        response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        System.err.println(
            "ferry policy: cannot reach Ferry at " + endpoint + " (" + e.getMessage() + ")");
        return null;
      }
      JsonNode answer =
          response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() != 200) {
        System.err.println(
            "ferry policy: "
                + answer.path("__type").asText(String.valueOf(response.statusCode()))
                + ": "
                + answer.path("message").asText());
        return null;
      }
      return answer;
    }
  }
}
