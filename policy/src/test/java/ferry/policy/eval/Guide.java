package ferry.policy.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The guide's policies (spec §7.1) and its requests (spec §7.2), built from the test resources. */
final class Guide {
  static final String DEV = "111111111111";
  static final String PROD = "222222222222";
  static final String KEY =
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  static final String SERVICE_ROLE_NAME = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE_NAME;
  static final String PRODS3ROLE = "arn:aws:iam::222222222222:role/prods3role";
  static final String ARTIFACT_BUCKET = "arn:aws:s3:::codepipeline-us-east-1-0123456789";
  static final String ARTIFACT = ARTIFACT_BUCKET + "/crossaccountdeploy/SourceArti/4enCV0l";
  static final String INPUT_BUCKET = "arn:aws:s3:::codepipeline-input-bucket";
  static final String OUTPUT_OBJECT = "arn:aws:s3:::codepipeline-output-bucket/index.html";

  /** The pipeline's service-role session. */
  static final RequestPrincipal S1 =
      RequestPrincipal.assumedRole(
          DEV, "/service-role/", SERVICE_ROLE_NAME, "AROAS1SERVICEROLE0001", "1700000000000");

  /** The deploy action's session of prods3role. */
  static final RequestPrincipal S2 =
      RequestPrincipal.assumedRole(PROD, "/", "prods3role", "AROAS2PRODS3ROLE00001", "deploy");

  static final List<String> FILES =
      List.of(
          "D1-service-role-trust",
          "D2-service-role-policy",
          "D3-assumeprods3role",
          "D4-key-policy",
          "D5-artifact-bucket-policy",
          "D7-rule-role-trust",
          "D7-rule-role-policy",
          "P1-prods3role-trust",
          "P2-outputbucketdeployaccess",
          "P3-devkmss3access");

  private static final ObjectMapper JSON = new ObjectMapper();

  record Request(String id, String description, AuthorizationContext context, PolicySet policies) {
    @Override
    public String toString() {
      return id + " " + description;
    }
  }

  private Guide() {}

  static Map<String, String> documents() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String file : FILES) {
      String path = "/ferry/policy/guide/" + file + ".json";
      try (InputStream in = Guide.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing " + path);
        }
        out.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /**
   * The documents with one grant removed: statement {@code index} of {@code file}, or only the
   * principal value {@code principal} of that statement when not null.
   */
  static Map<String, String> without(
      Map<String, String> documents, String file, int index, @Nullable String principal) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(documents.get(file));
      JsonNode statements = root.get("Statement");
      ArrayNode list;
      if (statements.isObject()) {
        list = JSON.createArrayNode().add(statements);
        root.set("Statement", list);
      } else {
        list = (ArrayNode) statements;
      }
      if (principal == null) {
        list.remove(index);
        if (list.isEmpty()) {
          // A policy must keep a statement: leave one that grants nothing.
          ObjectNode nothing = JSON.createObjectNode();
          nothing.put("Effect", "Allow");
          if (file.startsWith("D1")
              || file.startsWith("P1")
              || file.startsWith("D7-rule-role-trust")) {
            // A trust policy may grant only STS actions; no request of the guide sets a context.
            nothing.put("Action", "sts:SetContext");
            nothing.put("Principal", "*");
          } else {
            nothing.put("Action", "none:Nothing");
            nothing.put("Resource", "arn:aws:none:::nothing");
          }
          list.add(nothing);
        }
      } else {
        ObjectNode aws = (ObjectNode) list.get(index).get("Principal");
        JsonNode values = aws.get("AWS");
        ArrayNode kept = JSON.createArrayNode();
        values.forEach(v -> {
          if (!v.asText().equals(principal)) {
            kept.add(v);
          }
        });
        aws.set("AWS", kept);
      }
      Map<String, String> out = new LinkedHashMap<>(documents);
      out.put(file, JSON.writeValueAsString(root));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests of the guide's happy path (spec §7.2), against the given documents. */
  static List<Request> requests(PolicyParser parser, Map<String, String> docs) {
    var d1 = parser.parse(docs.get("D1-service-role-trust"), PolicyKind.TRUST);
    var d2 = parser.parse(docs.get("D2-service-role-policy"), PolicyKind.IDENTITY);
    var d3 = parser.parse(docs.get("D3-assumeprods3role"), PolicyKind.MANAGED);
    var d4 = parser.parse(docs.get("D4-key-policy"), PolicyKind.KEY);
    var d5 = parser.parse(docs.get("D5-artifact-bucket-policy"), PolicyKind.BUCKET);
    var d7trust = parser.parse(docs.get("D7-rule-role-trust"), PolicyKind.TRUST);
    var d7 = parser.parse(docs.get("D7-rule-role-policy"), PolicyKind.IDENTITY);
    var p1 = parser.parse(docs.get("P1-prods3role-trust"), PolicyKind.TRUST);
    var p2 = parser.parse(docs.get("P2-outputbucketdeployaccess"), PolicyKind.MANAGED);
    var p3 = parser.parse(docs.get("P3-devkmss3access"), PolicyKind.MANAGED);
    PolicySet s1 =
        PolicySet.builder()
            .identity("inline policy of role " + SERVICE_ROLE_NAME, d2)
            .identity("arn:aws:iam::111111111111:policy/assumeprods3role", d3)
            .build();
    PolicySet.Builder s2 =
        PolicySet.builder()
            .identity("arn:aws:iam::222222222222:policy/outputbucketdeployaccess", p2)
            .identity("arn:aws:iam::222222222222:policy/devkmss3access", p3);
    RequestPrincipal ruleSession =
        RequestPrincipal.assumedRole(
            DEV, "/service-role/", "cwe-role-crossaccountdeploy", "AROARULEROLE000000001", "rule");
    List<Request> out = new ArrayList<>();
    out.add(
        new Request(
            "T1a",
            "events.amazonaws.com assumes the rule role",
            ctx(
                    RequestPrincipal.service("events.amazonaws.com"),
                    "sts:AssumeRole",
                    "arn:aws:iam::111111111111:role/service-role/cwe-role-crossaccountdeploy",
                    DEV)
                .build(),
            PolicySet.builder()
                .resource("trust policy of role cwe-role-crossaccountdeploy", d7trust)
                .build()));
    out.add(
        new Request(
            "T1b",
            "the rule role starts the pipeline",
            ctx(
                    ruleSession,
                    "codepipeline:StartPipelineExecution",
                    "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy",
                    DEV)
                .build(),
            PolicySet.builder()
                .identity("inline policy of role cwe-role-crossaccountdeploy", d7)
                .build()));
    out.add(
        new Request(
            "T2",
            "codepipeline.amazonaws.com assumes the service role",
            ctx(
                    RequestPrincipal.service("codepipeline.amazonaws.com"),
                    "sts:AssumeRole",
                    SERVICE_ROLE,
                    DEV)
                .build(),
            PolicySet.builder().resource("trust policy of role " + SERVICE_ROLE_NAME, d1).build()));
    out.add(
        new Request(
            "T3",
            "S1 reads the input bucket's versioning",
            ctx(S1, "s3:GetBucketVersioning", INPUT_BUCKET, DEV).build(),
            s1));
    out.add(
        new Request(
            "T4",
            "S1 reads the source object's version",
            ctx(S1, "s3:GetObjectVersion", INPUT_BUCKET + "/sample-website.zip", DEV).build(),
            s1));
    out.add(
        new Request(
            "T5",
            "S1 writes the artifact with SSE-KMS",
            ctx(S1, "s3:PutObject", ARTIFACT, DEV)
                .key("s3:x-amz-server-side-encryption", "aws:kms")
                .key("s3:x-amz-server-side-encryption-aws-kms-key-id", KEY)
                .build(),
            withResource(s1, "bucket policy of codepipeline-us-east-1-0123456789", d5)));
    out.add(
        new Request(
            "T6",
            "S1 (via S3) generates the artifact's data key",
            ctx(S1, "kms:GenerateDataKey", KEY, DEV)
                .key("kms:ViaService", "s3.us-east-1.amazonaws.com")
                .key("kms:CallerAccount", DEV)
                .key("kms:EncryptionContext:aws:s3:arn", ARTIFACT)
                .build(),
            withResource(s1, "key policy of " + KEY, d4)));
    out.add(
        new Request(
            "T7",
            "S1 assumes prods3role",
            ctx(S1, "sts:AssumeRole", PRODS3ROLE, PROD)
                .key("sts:RoleSessionName", "deploy")
                .build(),
            withResource(s1, "trust policy of role prods3role", p1)));
    out.add(
        new Request(
            "T8",
            "S2 reads the artifact",
            ctx(S2, "s3:GetObject", ARTIFACT, DEV).build(),
            s2.resource("bucket policy of codepipeline-us-east-1-0123456789", d5).build()));
    out.add(
        new Request(
            "T9",
            "S2 (via S3) decrypts the artifact's data key",
            ctx(S2, "kms:Decrypt", KEY, DEV)
                .key("kms:ViaService", "s3.us-east-1.amazonaws.com")
                .key("kms:CallerAccount", PROD)
                .build(),
            s2.resource("key policy of " + KEY, d4).build()));
    out.add(
        new Request(
            "T10",
            "S2 lists the artifact bucket",
            ctx(S2, "s3:ListBucket", ARTIFACT_BUCKET, DEV)
                .key("s3:prefix", "crossaccountdeploy/")
                .build(),
            s2.resource("bucket policy of codepipeline-us-east-1-0123456789", d5).build()));
    out.add(
        new Request(
            "T11",
            "S2 writes a deployed file to the output bucket",
            ctx(S2, "s3:PutObject", OUTPUT_OBJECT, PROD).build(),
            PolicySet.builder()
                .identity("arn:aws:iam::222222222222:policy/outputbucketdeployaccess", p2)
                .identity("arn:aws:iam::222222222222:policy/devkmss3access", p3)
                .build()));
    return out;
  }

  private static PolicySet withResource(PolicySet base, String name, ferry.policy.Policy policy) {
    PolicySet.Builder b = PolicySet.builder();
    base.identityPolicies().forEach(p -> b.identity(p.name(), p.policy()));
    return b.resource(name, policy).build();
  }

  static AuthorizationContext.Builder ctx(
      RequestPrincipal principal, String action, String resource, String resourceAccount) {
    return AuthorizationContext.builder(principal, action, resource)
        .resourceAccount(resourceAccount)
        .key("aws:SecureTransport", "true")
        .key("aws:SourceIp", "203.0.113.10")
        .key("aws:CurrentTime", "2026-11-28T12:00:00Z")
        .key("aws:EpochTime", "1795867200")
        .key("aws:RequestedRegion", "us-east-1");
  }
}
