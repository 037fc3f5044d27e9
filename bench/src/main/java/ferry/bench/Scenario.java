package ferry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.eval.AuthorizationContext;
import ferry.policy.eval.PolicySet;
import ferry.policy.eval.RequestPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The requests the benchmark decides: the guide's (spec §7.2, with the policies of
 * policy/src/test/resources/ferry/policy/guide) and the differential corpus.
 */
final class Scenario {
  /** One request with its policies; {@code context} builds a fresh context, as a service does. */
  record Request(
      String id,
      AuthorizationContext context,
      Supplier<AuthorizationContext> fresh,
      PolicySet policies) {}

  static final String DEV = "111111111111";
  static final String PROD = "222222222222";
  static final String KEY =
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String SERVICE_ROLE_NAME = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String ARTIFACT_BUCKET = "arn:aws:s3:::codepipeline-us-east-1-0123456789";
  static final String ARTIFACT = ARTIFACT_BUCKET + "/crossaccountdeploy/SourceArti/4enCV0l";
  static final String INPUT_BUCKET = "arn:aws:s3:::codepipeline-input-bucket";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Scenario() {}

  private static String resource(String path) {
    try (InputStream in = Scenario.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Policy guide(PolicyParser parser, String file, PolicyKind kind) {
    return parser.parse(resource("/ferry/policy/guide/" + file + ".json"), kind);
  }

  private static Request request(
      String id,
      RequestPrincipal principal,
      String action,
      String resource,
      String account,
      Map<String, String> keys,
      PolicySet policies) {
    Supplier<AuthorizationContext> fresh =
        () -> {
          AuthorizationContext.Builder b =
              AuthorizationContext.builder(principal, action, resource)
                  .resourceAccount(account)
                  .key("aws:SecureTransport", "true")
                  .key("aws:SourceIp", "203.0.113.10")
                  .key("aws:CurrentTime", "2026-11-28T12:00:00Z")
                  .key("aws:EpochTime", "1795867200")
                  .key("aws:RequestedRegion", "us-east-1");
          keys.forEach(b::key);
          return b.build();
        };
    return new Request(id, fresh.get(), fresh, policies);
  }

  /** The guide's happy path, T1a to T11. */
  static List<Request> guide(PolicyParser parser) {
    Policy d1 = guide(parser, "D1-service-role-trust", PolicyKind.TRUST);
    Policy d2 = guide(parser, "D2-service-role-policy", PolicyKind.IDENTITY);
    Policy d3 = guide(parser, "D3-assumeprods3role", PolicyKind.MANAGED);
    Policy d4 = guide(parser, "D4-key-policy", PolicyKind.KEY);
    Policy d5 = guide(parser, "D5-artifact-bucket-policy", PolicyKind.BUCKET);
    Policy d7trust = guide(parser, "D7-rule-role-trust", PolicyKind.TRUST);
    Policy d7 = guide(parser, "D7-rule-role-policy", PolicyKind.IDENTITY);
    Policy p1 = guide(parser, "P1-prods3role-trust", PolicyKind.TRUST);
    Policy p2 = guide(parser, "P2-outputbucketdeployaccess", PolicyKind.MANAGED);
    Policy p3 = guide(parser, "P3-devkmss3access", PolicyKind.MANAGED);
    RequestPrincipal s1 =
        RequestPrincipal.assumedRole(
            DEV, "/service-role/", SERVICE_ROLE_NAME, "AROAS1SERVICEROLE0001", "1700000000000");
    RequestPrincipal s2 =
        RequestPrincipal.assumedRole(PROD, "/", "prods3role", "AROAS2PRODS3ROLE00001", "deploy");
    RequestPrincipal rule =
        RequestPrincipal.assumedRole(
            DEV, "/service-role/", "cwe-role-crossaccountdeploy", "AROARULEROLE000000001", "rule");
    PolicySet.Builder s1Policies =
        PolicySet.builder().identity("service role policy", d2).identity("assumeprods3role", d3);
    PolicySet.Builder s2Policies =
        PolicySet.builder().identity("outputbucketdeployaccess", p2).identity("devkmss3access", p3);
    List<Request> out = new ArrayList<>();
    out.add(
        request(
            "T1a",
            RequestPrincipal.service("events.amazonaws.com"),
            "sts:AssumeRole",
            "arn:aws:iam::111111111111:role/service-role/cwe-role-crossaccountdeploy",
            DEV,
            Map.of(),
            PolicySet.builder().resource("trust policy of the rule role", d7trust).build()));
    out.add(
        request(
            "T1b",
            rule,
            "codepipeline:StartPipelineExecution",
            "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy",
            DEV,
            Map.of(),
            PolicySet.builder().identity("rule role policy", d7).build()));
    out.add(
        request(
            "T2",
            RequestPrincipal.service("codepipeline.amazonaws.com"),
            "sts:AssumeRole",
            "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE_NAME,
            DEV,
            Map.of(),
            PolicySet.builder().resource("trust policy of the service role", d1).build()));
    out.add(
        request(
            "T3", s1, "s3:GetBucketVersioning", INPUT_BUCKET, DEV, Map.of(), s1Policies.build()));
    out.add(
        request(
            "T4",
            s1,
            "s3:GetObjectVersion",
            INPUT_BUCKET + "/sample-website.zip",
            DEV,
            Map.of(),
            s1Policies.build()));
    out.add(
        request(
            "T5",
            s1,
            "s3:PutObject",
            ARTIFACT,
            DEV,
            Map.of(
                "s3:x-amz-server-side-encryption",
                "aws:kms",
                "s3:x-amz-server-side-encryption-aws-kms-key-id",
                KEY),
            s1Policies.resource("bucket policy of the artifact bucket", d5).build()));
    out.add(
        request(
            "T6",
            s1,
            "kms:GenerateDataKey",
            KEY,
            DEV,
            Map.of("kms:ViaService", "s3.us-east-1.amazonaws.com", "kms:CallerAccount", DEV),
            s1Policies.resource("key policy", d4).build()));
    out.add(
        request(
            "T7",
            s1,
            "sts:AssumeRole",
            "arn:aws:iam::222222222222:role/prods3role",
            PROD,
            Map.of("sts:RoleSessionName", "deploy"),
            s1Policies.resource("trust policy of prods3role", p1).build()));
    out.add(
        request(
            "T8",
            s2,
            "s3:GetObject",
            ARTIFACT,
            DEV,
            Map.of(),
            s2Policies.resource("bucket policy of the artifact bucket", d5).build()));
    out.add(
        request(
            "T9",
            s2,
            "kms:Decrypt",
            KEY,
            DEV,
            Map.of("kms:ViaService", "s3.us-east-1.amazonaws.com", "kms:CallerAccount", PROD),
            s2Policies.resource("key policy", d4).build()));
    out.add(
        request(
            "T10",
            s2,
            "s3:ListBucket",
            ARTIFACT_BUCKET,
            DEV,
            Map.of("s3:prefix", "crossaccountdeploy/"),
            s2Policies.resource("bucket policy of the artifact bucket", d5).build()));
    out.add(
        request(
            "T11",
            s2,
            "s3:PutObject",
            "arn:aws:s3:::codepipeline-output-bucket/index.html",
            PROD,
            Map.of(),
            PolicySet.builder()
                .identity("outputbucketdeployaccess", p2)
                .identity("devkmss3access", p3)
                .build()));
    return out;
  }

  /** The 3,500 cases of the differential corpus (decisions are not checked here; the test does). */
  static List<Request> corpus(PolicyParser parser) {
    try {
      JsonNode root = JSON.readTree(resource("/ferry/policy/oracle-corpus.json"));
      List<Request> out = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        out.add(corpusCase(parser, c));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Request corpusCase(PolicyParser parser, JsonNode c) throws IOException {
    JsonNode p = c.get("principal");
    RequestPrincipal principal =
        switch (p.get("kind").asText()) {
          case "user" ->
              RequestPrincipal.user(
                  p.get("account").asText(),
                  p.get("path").asText(),
                  p.get("name").asText(),
                  p.get("id").asText());
          case "session" ->
              RequestPrincipal.assumedRole(
                  p.get("account").asText(),
                  p.get("path").asText(),
                  p.get("name").asText(),
                  p.get("id").asText(),
                  p.get("session").asText());
          case "service" -> RequestPrincipal.service(p.get("arn").asText());
          default -> RequestPrincipal.anonymous();
        };
    String action = c.get("action").asText();
    String resource = c.get("resource").asText();
    String account = c.get("resourceAccount").asText();
    Map<String, String> singles = new LinkedHashMap<>();
    Map<String, List<String>> multis = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> key : c.get("context").properties()) {
      if (key.getValue().isArray()) {
        List<String> values = new ArrayList<>();
        key.getValue().forEach(v -> values.add(v.asText()));
        multis.put(key.getKey(), values);
      } else {
        singles.put(key.getKey(), key.getValue().asText());
      }
    }
    Supplier<AuthorizationContext> fresh =
        () -> {
          AuthorizationContext.Builder b =
              AuthorizationContext.builder(principal, action, resource).resourceAccount(account);
          singles.forEach(b::key);
          multis.forEach(b::multivaluedKey);
          return b.build();
        };
    PolicySet.Builder set = PolicySet.builder();
    for (JsonNode ip : c.get("identityPolicies")) {
      set.identity(
          ip.get("name").asText(),
          parser.parse(JSON.writeValueAsString(ip.get("policy")), PolicyKind.IDENTITY));
    }
    if (c.hasNonNull("permissionBoundary")) {
      set.permissionsBoundary(
          "boundary",
          parser.parse(
              JSON.writeValueAsString(c.get("permissionBoundary")),
              PolicyKind.PERMISSIONS_BOUNDARY));
    }
    if (c.hasNonNull("sessionPolicy")) {
      set.session(
          "session",
          parser.parse(JSON.writeValueAsString(c.get("sessionPolicy")), PolicyKind.SESSION));
    }
    if (c.hasNonNull("resourcePolicy")) {
      PolicyKind kind =
          switch (c.get("resourceKind").asText()) {
            case "key" -> PolicyKind.KEY;
            case "trust" -> PolicyKind.TRUST;
            default -> PolicyKind.BUCKET;
          };
      set.resource(
          "resource policy", parser.parse(JSON.writeValueAsString(c.get("resourcePolicy")), kind));
    }
    return new Request(c.get("id").asText(), fresh.get(), fresh, set.build());
  }
}
