package ferry.accessanalyzer.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.accessanalyzer.AccessAnalyzerErrors;
import ferry.accessanalyzer.AccessAnalyzerService;
import ferry.accessanalyzer.PolicyGeneration;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.PercentDecoding;
import ferry.protocol.ServiceApi;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * IAM Access Analyzer's REST-JSON binding: the HTTP method and path pick the operation, as the API
 * model's routes below do; only policy generation is implemented, every other route is refused with
 * the operation's name.
 */
public final class AccessAnalyzerApi implements ServiceApi {
  private static final int MAX_BODY_BYTES = 1 << 20;

  /** One of the model's routes; a {@code {name}} segment matches any one segment. */
  private record Route(String method, String path, String operation) {
    @Nullable List<String> match(String method, List<String> segments) {
      List<String> template = segments(path);
      if (!this.method.equals(method) || template.size() != segments.size()) {
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < template.size(); i++) {
        String part = template.get(i);
        if (part.startsWith("{")) {
          values.add(segments.get(i));
        } else if (!part.equals(segments.get(i))) {
          return null;
        }
      }
      return values;
    }
  }

  @FunctionalInterface
  private interface Operation {
    void handle(ApiRequest request, List<String> pathValues, ApiResponse response)
        throws IOException;
  }

  private static final List<Route> ROUTES =
      List.of(
          new Route("GET", "/access-preview", "ListAccessPreviews"),
          new Route("PUT", "/access-preview", "CreateAccessPreview"),
          new Route("GET", "/access-preview/{accessPreviewId}", "GetAccessPreview"),
          new Route("POST", "/access-preview/{accessPreviewId}", "ListAccessPreviewFindings"),
          new Route("GET", "/analyzed-resource", "GetAnalyzedResource"),
          new Route("POST", "/analyzed-resource", "ListAnalyzedResources"),
          new Route("GET", "/analyzer", "ListAnalyzers"),
          new Route("PUT", "/analyzer", "CreateAnalyzer"),
          new Route("POST", "/analyzer/findings/statistics", "GetFindingsStatistics"),
          new Route("DELETE", "/analyzer/{analyzerName}", "DeleteAnalyzer"),
          new Route("GET", "/analyzer/{analyzerName}", "GetAnalyzer"),
          new Route("PUT", "/analyzer/{analyzerName}", "UpdateAnalyzer"),
          new Route("GET", "/analyzer/{analyzerName}/archive-rule", "ListArchiveRules"),
          new Route("PUT", "/analyzer/{analyzerName}/archive-rule", "CreateArchiveRule"),
          new Route(
              "DELETE", "/analyzer/{analyzerName}/archive-rule/{ruleName}", "DeleteArchiveRule"),
          new Route("GET", "/analyzer/{analyzerName}/archive-rule/{ruleName}", "GetArchiveRule"),
          new Route("PUT", "/analyzer/{analyzerName}/archive-rule/{ruleName}", "UpdateArchiveRule"),
          new Route("PUT", "/archive-rule", "ApplyArchiveRule"),
          new Route("POST", "/finding", "ListFindings"),
          new Route("PUT", "/finding", "UpdateFindings"),
          new Route("GET", "/finding/{id}", "GetFinding"),
          new Route("POST", "/findingv2", "ListFindingsV2"),
          new Route("GET", "/findingv2/{id}", "GetFindingV2"),
          new Route("POST", "/policy/check-access-not-granted", "CheckAccessNotGranted"),
          new Route("POST", "/policy/check-no-new-access", "CheckNoNewAccess"),
          new Route("POST", "/policy/check-no-public-access", "CheckNoPublicAccess"),
          new Route("GET", "/policy/generation", "ListPolicyGenerations"),
          new Route("PUT", "/policy/generation", "StartPolicyGeneration"),
          new Route("GET", "/policy/generation/{jobId}", "GetGeneratedPolicy"),
          new Route("PUT", "/policy/generation/{jobId}", "CancelPolicyGeneration"),
          new Route("POST", "/policy/validation", "ValidatePolicy"),
          new Route("GET", "/recommendation/{id}", "GetFindingRecommendation"),
          new Route("POST", "/recommendation/{id}", "GenerateFindingRecommendation"),
          new Route("POST", "/resource/scan", "StartResourceScan"),
          new Route("PUT", "/service-linked-analyzer", "CreateServiceLinkedAnalyzer"),
          new Route(
              "DELETE", "/service-linked-analyzer/{analyzerName}", "DeleteServiceLinkedAnalyzer"),
          new Route("DELETE", "/tags/{resourceArn}", "UntagResource"),
          new Route("GET", "/tags/{resourceArn}", "ListTagsForResource"),
          new Route("POST", "/tags/{resourceArn}", "TagResource"));

  private final AccessAnalyzerService analyzer;
  private final Map<String, Operation> operations;

  public AccessAnalyzerApi(AccessAnalyzerService analyzer) {
    this.analyzer = analyzer;
    this.operations =
        Map.of(
            "StartPolicyGeneration", this::startPolicyGeneration,
            "GetGeneratedPolicy", this::getGeneratedPolicy,
            "ListPolicyGenerations", this::listPolicyGenerations,
            "CancelPolicyGeneration", this::cancelPolicyGeneration);
  }

  @Override
  public String signingName() {
    return "access-analyzer";
  }

  /** Errors are JSON with the code in {@code x-amzn-ErrorType}, which REST-JSON clients read. */
  @Override
  public WireProtocol protocol() {
    return WireProtocol.JSON;
  }

  @Override
  public Set<String> implementedOperations() {
    return new TreeSet<>(operations.keySet());
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) throws IOException {
    String path = request.rawPath();
    int query = path.indexOf('?');
    List<String> segments = segments(query < 0 ? path : path.substring(0, query));
    for (Route route : ROUTES) {
      List<String> values = route.match(request.method(), segments);
      if (values == null) {
        continue;
      }
      Operation operation = operations.get(route.operation());
      if (operation == null) {
        throw new AwsException(
            ErrorCode.sender("UnknownOperationException", 400),
            "Ferry does not implement "
                + route.operation()
                + " of IAM Access Analyzer; docs/coverage.md lists the operations Ferry implements");
      }
      operation.handle(request, values, response);
      return;
    }
    throw new AwsException(
        ErrorCode.sender("UnknownOperationException", 400),
        "No IAM Access Analyzer operation is " + request.method() + " " + path);
  }

  private void startPolicyGeneration(ApiRequest request, List<String> path, ApiResponse response)
      throws IOException {
    JsonInput input = body(request);
    JsonInput details = input.object("policyGenerationDetails");
    if (details == null) {
      throw missing("policyGenerationDetails");
    }
    String principalArn = details.string("principalArn");
    if (principalArn == null) {
      throw missing("policyGenerationDetails.principalArn");
    }
    AccessAnalyzerService.CloudTrailDetails cloudTrail = null;
    JsonInput trail = input.object("cloudTrailDetails");
    if (trail != null) {
      List<JsonInput> trails = trail.objects("trails");
      if (trail.node().get("trails") == null) {
        throw missing("cloudTrailDetails.trails");
      }
      List<String> arns = new ArrayList<>();
      for (JsonInput one : trails) {
        String arn = one.string("cloudTrailArn");
        if (arn == null) {
          throw missing("cloudTrailDetails.trails.cloudTrailArn");
        }
        one.strings("regions");
        one.bool("allRegions");
        arns.add(arn);
      }
      String role = trail.string("accessRole");
      if (role == null) {
        throw missing("cloudTrailDetails.accessRole");
      }
      Instant start = time(trail, "startTime");
      if (start == null) {
        throw missing("cloudTrailDetails.startTime");
      }
      cloudTrail =
          new AccessAnalyzerService.CloudTrailDetails(
              trail.node().get("trails").toString(), arns, role, start, time(trail, "endTime"));
    }
    input.string("clientToken");
    String jobId = analyzer.startPolicyGeneration(request.caller(), principalArn, cloudTrail);
    send(response, Json.object().put("jobId", jobId));
  }

  private void getGeneratedPolicy(ApiRequest request, List<String> path, ApiResponse response)
      throws IOException {
    // Ferry knows the resource of every action it recorded, so no placeholder is ever needed, and
    // every service it serves has action-level detail: both options leave the policy as it is.
    bool(request, "includeResourcePlaceholders");
    bool(request, "includeServiceLevelTemplate");
    PolicyGeneration job = analyzer.getGeneratedPolicy(request.caller(), decode(path.getFirst()));
    ObjectNode output = Json.object();
    ObjectNode details = output.putObject("jobDetails");
    details.put("jobId", job.jobId());
    details.put("status", job.status().name());
    details.put("startedOn", job.startedOn().toString());
    if (job.completedOn() != null) {
      details.put("completedOn", job.completedOn().toString());
    }
    ObjectNode result = output.putObject("generatedPolicyResult");
    ObjectNode properties = result.putObject("properties");
    properties.put("isComplete", true);
    properties.put("principalArn", job.principalArn());
    ObjectNode cloudTrail = properties.putObject("cloudTrailProperties");
    ArrayNode trails = cloudTrail.putArray("trailProperties");
    if (job.trails() != null) {
      for (JsonNode trail : Json.parse(job.trails().getBytes(StandardCharsets.UTF_8))) {
        ObjectNode item = trails.addObject();
        item.put("cloudTrailArn", trail.path("cloudTrailArn").asText());
        if (trail.has("regions")) {
          item.set("regions", trail.get("regions"));
        }
        if (trail.has("allRegions")) {
          item.put("allRegions", trail.get("allRegions").asBoolean());
        }
      }
    }
    cloudTrail.put("startTime", job.startTime().toString());
    cloudTrail.put("endTime", job.endTime().toString());
    ArrayNode policies = result.putArray("generatedPolicies");
    if (job.policy() != null) {
      policies.addObject().put("policy", job.policy());
    }
    send(response, output);
  }

  private void listPolicyGenerations(ApiRequest request, List<String> path, ApiResponse response)
      throws IOException {
    Integer maxResults = null;
    String max = request.queryParameter("maxResults");
    if (max != null) {
      try {
        maxResults = Integer.parseInt(max);
      } catch (NumberFormatException e) {
        throw AccessAnalyzerErrors.invalidField("maxResults", "maxResults must be an integer");
      }
    }
    AccessAnalyzerService.Page page =
        analyzer.listPolicyGenerations(
            request.caller(),
            request.queryParameter("principalArn"),
            maxResults,
            request.queryParameter("nextToken"));
    ObjectNode output = Json.object();
    ArrayNode jobs = output.putArray("policyGenerations");
    for (PolicyGeneration job : page.jobs()) {
      ObjectNode item = jobs.addObject();
      item.put("jobId", job.jobId());
      item.put("principalArn", job.principalArn());
      item.put("status", job.status().name());
      item.put("startedOn", job.startedOn().toString());
      if (job.completedOn() != null) {
        item.put("completedOn", job.completedOn().toString());
      }
    }
    if (page.nextToken() != null) {
      output.put("nextToken", page.nextToken());
    }
    send(response, output);
  }

  private void cancelPolicyGeneration(ApiRequest request, List<String> path, ApiResponse response)
      throws IOException {
    analyzer.cancelPolicyGeneration(request.caller(), decode(path.getFirst()));
    send(response, Json.object());
  }

  private static JsonInput body(ApiRequest request) throws IOException {
    byte[] body = request.bodyBytes(MAX_BODY_BYTES);
    if (body.length == 0) {
      return new JsonInput(Json.object());
    }
    try {
      if (Json.parse(body) instanceof ObjectNode object) {
        return new JsonInput(object);
      }
    } catch (JacksonException e) {
      throw AccessAnalyzerErrors.validation(
          "cannotParse", "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    throw AccessAnalyzerErrors.validation("cannotParse", "The request body must be a JSON object");
  }

  private static @Nullable Instant time(JsonInput input, String name) {
    JsonNode value = input.node().get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return Instant.ofEpochMilli((long) (value.doubleValue() * 1000));
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      throw AccessAnalyzerErrors.invalidField(
          name, "Invalid " + name + ": " + value.asText() + " is not an ISO 8601 time");
    }
  }

  private static void bool(ApiRequest request, String name) {
    String value = request.queryParameter(name);
    if (value != null && !value.equals("true") && !value.equals("false")) {
      throw AccessAnalyzerErrors.invalidField(name, name + " must be true or false");
    }
  }

  private static AwsException missing(String member) {
    return AccessAnalyzerErrors.validation("fieldValidationFailed", member + " is required");
  }

  private static String decode(String segment) {
    try {
      return PercentDecoding.path(segment);
    } catch (PercentDecoding.Malformed e) {
      throw AccessAnalyzerErrors.validation(
          "cannotParse", "The request's path is not valid: " + e.getMessage());
    }
  }

  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        segments.add(part);
      }
    }
    return segments;
  }

  private static void send(ApiResponse response, ObjectNode output) throws IOException {
    response.send(200, "application/json", Json.bytes(output));
  }
}
