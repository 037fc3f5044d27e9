package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.app.RootCredentials;
import ferry.cli.guide.Grant;
import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideDocuments;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.http.DecisionClient;
import ferry.junit.LocalFerry;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.Statement;
import ferry.policy.condition.ConditionContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * Least privilege proven by replay: the guide is played, policies are generated with the real aws
 * CLI for the pipeline's service role and for prods3role, the guide's hand-written policies of both
 * roles are replaced by the generated ones, and the guide is played again on a fresh Ferry: it
 * still deploys, each generated policy allows strictly less than the hand-written ones, and without
 * any one generated statement the replay fails.
 */
class LeastPrivilegeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PolicyParser PARSER = new PolicyParser();
  private static final String SERVICE_ROLE_POLICY = "dev/codepipeline-service-role-policy.json";
  private static final String ASSUME_POLICY = "dev/assumeprods3role.json";
  private static final String OUTPUT_POLICY = "prod/outputbucketdeployaccess.json";
  private static final String KMS_S3_POLICY = "prod/devkmss3access.json";

  @Test
  void generatedPolicies_deployTheGuide_allowLess_andNeedEveryStatement() throws Exception {
    ObjectNode serviceRole;
    ObjectNode prodRole;
    GuideNames names;
    try (LocalFerry ferry = LocalFerry.start()) {
      names = new GuideNames(ferry.root("dev").account(), ferry.root("prod").account());
      assertThat(play(ferry, names, new GuideDocuments(names), null))
          .isInstanceOf(GuideOutcome.Deployed.class);
      String keyId = keyId(ferry);
      serviceRole = generate(ferry, "dev", names.serviceRoleArn(), keyId);
      prodRole = generate(ferry, "prod", names.prodRoleArn(), keyId);
    }
    System.out.println("generated for the service role:\n" + pretty(serviceRole));
    System.out.println("generated for prods3role:\n" + pretty(prodRole));

    // Strictly less than the guide's grants: for the service role its two identity policies and
    // the key policy's key-user statement (which the replay replaces), for prods3role its two.
    GuideDocuments guide = new GuideDocuments(names);
    List<String> serviceRoleGrants =
        List.of(
            guide.read(SERVICE_ROLE_POLICY),
            guide.read(ASSUME_POLICY),
            keyUserGrant(guide.read("dev/s3deploykey-policy.json")));
    List<String> prodRoleGrants = List.of(guide.read(OUTPUT_POLICY), guide.read(KMS_S3_POLICY));
    allowsStrictlyLess(serviceRole, serviceRoleGrants);
    allowsStrictlyLess(prodRole, prodRoleGrants);

    Map<String, String> replaced = replacements(serviceRole, prodRole);
    try (LocalFerry fresh = LocalFerry.start()) {
      GuideOutcome replay = play(fresh, names, new GuideDocuments(names, replaced), null);
      assertThat(replay).as(replay.toString()).isInstanceOf(GuideOutcome.Deployed.class);
    }

    for (boolean prod : new boolean[] {false, true}) {
      ObjectNode policy = prod ? prodRole : serviceRole;
      for (int i = 0; i < policy.get("Statement").size(); i++) {
        ObjectNode without = policy.deepCopy();
        String sid = ((ArrayNode) without.get("Statement")).remove(i).path("Sid").asText();
        Map<String, String> documents =
            prod ? replacements(serviceRole, without) : replacements(without, prodRole);
        Grant leftOut = emptyDocument(documents);
        try (LocalFerry fresh = LocalFerry.start()) {
          GuideOutcome replay = play(fresh, names, new GuideDocuments(names, documents), leftOut);
          assertThat(replay)
              .as("the replay without %s of %s", sid, prod ? "prods3role" : "the service role")
              .isInstanceOf(GuideOutcome.Failed.class);
          GuideOutcome.Failed failed = (GuideOutcome.Failed) replay;
          System.out.println(
              "without "
                  + sid
                  + " of "
                  + (prod ? "prods3role" : "the service role")
                  + ": fails at step "
                  + failed.step()
                  + ": "
                  + failed.message());
        }
      }
    }
  }

  private static GuideOutcome play(
      LocalFerry ferry, GuideNames names, GuideDocuments documents, @Nullable Grant leftOut) {
    try (SdkHttpClient http = Apache5HttpClient.builder().build();
        GuideClients dev = new GuideClients(ferry.endpoint(), ferry.credentials("dev"), http);
        GuideClients prod = new GuideClients(ferry.endpoint(), ferry.credentials("prod"), http)) {
      return new GuideScenario(
              names,
              documents,
              dev,
              prod,
              new Narrator(new PrintStream(new ByteArrayOutputStream(), true), false),
              new DecisionClient(ferry.endpoint()),
              leftOut)
          .play();
    }
  }

  private static String keyId(LocalFerry ferry) throws Exception {
    JsonNode keys =
        JSON.readTree(
            cli(ferry, "dev")
                .run("kms", "describe-key", "--key-id", "alias/s3deploykey")
                .assertOk()
                .stdout());
    return keys.path("KeyMetadata").path("KeyId").asText();
  }

  /** The policy Access Analyzer generates, through the real aws CLI, with the key id as a slot. */
  private static ObjectNode generate(
      LocalFerry ferry, String account, String principal, String keyId) throws Exception {
    AwsCli aws = cli(ferry, account);
    String jobId =
        JSON.readTree(
                aws.run(
                        "accessanalyzer",
                        "start-policy-generation",
                        "--policy-generation-details",
                        "principalArn=" + principal)
                    .assertOk()
                    .stdout())
            .path("jobId")
            .asText();
    JsonNode result =
        JSON.readTree(
            aws.run("accessanalyzer", "get-generated-policy", "--job-id", jobId)
                .assertOk()
                .stdout());
    assertThat(result.path("jobDetails").path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(
            result.path("generatedPolicyResult").path("properties").path("principalArn").asText())
        .isEqualTo(principal);
    String policy =
        result
            .path("generatedPolicyResult")
            .path("generatedPolicies")
            .get(0)
            .path("policy")
            .asText();
    return (ObjectNode) JSON.readTree(policy.replace(keyId, "DEV_KEY_ID"));
  }

  private static AwsCli cli(LocalFerry ferry, String account) {
    RootCredentials root = ferry.root(account);
    return new AwsCli(ferry.endpoint(), root.accessKeyId(), root.secretAccessKey());
  }

  /**
   * The guide's documents with the roles' policies replaced: each role's generated statements split
   * over the two documents the guide attaches to it, so that the role ends up with exactly the
   * generated policy; the service role is no longer a key user in the key policy (its generated
   * identity policy grants what it uses of the key, which the key policy's root statement enables).
   */
  private static Map<String, String> replacements(ObjectNode serviceRole, ObjectNode prodRole) {
    Map<String, String> replaced = new HashMap<>();
    replaced.put(SERVICE_ROLE_POLICY, part(serviceRole, s -> !actions(s).startsWith("sts:")));
    replaced.put(ASSUME_POLICY, part(serviceRole, s -> actions(s).startsWith("sts:")));
    replaced.put(
        OUTPUT_POLICY,
        part(prodRole, s -> s.path("Resource").toString().contains("codepipeline-output-bucket")));
    replaced.put(
        KMS_S3_POLICY,
        part(prodRole, s -> !s.path("Resource").toString().contains("codepipeline-output-bucket")));
    replaced.put(
        "dev/s3deploykey-policy.json", GuideDocuments.raw("dev/s3deploykey-policy-initial.json"));
    return replaced;
  }

  private static String actions(JsonNode statement) {
    return statement.path("Action").get(0).asText();
  }

  private static String part(ObjectNode policy, Predicate<JsonNode> keep) {
    ObjectNode part = policy.deepCopy();
    ArrayNode statements = part.putArray("Statement");
    policy
        .get("Statement")
        .forEach(s -> {
          if (keep.test(s)) {
            statements.add(s);
          }
        });
    return part.toString();
  }

  /**
   * A document left with no statement cannot be created: the step that attaches it is left out
   * instead, as {@code ferry demo --break} does. The service role's own inline policy always keeps
   * statements (it reads the source and writes the artifacts).
   */
  private static @Nullable Grant emptyDocument(Map<String, String> documents) throws Exception {
    Map<String, Grant> grants =
        Map.of(
            ASSUME_POLICY, Grant.ASSUMEPRODS3ROLE,
            OUTPUT_POLICY, Grant.OUTPUTBUCKETDEPLOYACCESS,
            KMS_S3_POLICY, Grant.DEVKMSS3ACCESS);
    for (var entry : grants.entrySet()) {
      if (JSON.readTree(documents.get(entry.getKey())).path("Statement").isEmpty()) {
        return entry.getValue();
      }
    }
    assertThat(JSON.readTree(documents.get(SERVICE_ROLE_POLICY)).path("Statement")).isNotEmpty();
    return null;
  }

  /** The key policy's statement that makes the service role a key user, as an identity policy. */
  private static String keyUserGrant(String keyPolicy) throws Exception {
    ObjectNode policy = (ObjectNode) JSON.readTree(keyPolicy);
    ArrayNode statements = JSON.createArrayNode();
    for (JsonNode statement : policy.get("Statement")) {
      if (statement.path("Principal").toString().contains("AWSCodePipelineServiceRole")
          && statement.path("Condition").isMissingNode()) {
        ObjectNode copy = statement.deepCopy();
        copy.remove("Principal");
        copy.remove("Sid");
        statements.add(copy);
      }
    }
    policy.set("Statement", statements);
    policy.remove("Id");
    return policy.toString();
  }

  /**
   * Every generated action is a single action (no wildcard) that the guide's grants allow on the
   * generated resource, and the guide's grants allow some action on those resources that the
   * generated policy does not.
   */
  private static void allowsStrictlyLess(ObjectNode generated, List<String> grants) {
    List<String[]> probes = new ArrayList<>();
    List<String> resources = new ArrayList<>();
    for (JsonNode statement : generated.get("Statement")) {
      for (JsonNode action : statement.get("Action")) {
        assertThat(action.asText()).doesNotContain("*").doesNotContain("?");
        for (JsonNode resource : statement.get("Resource")) {
          String sample = resource.asText().replace("*", "some/generated/key");
          resources.add(sample);
          assertThat(allows(grants, action.asText(), sample))
              .as("the guide's grants allow %s on %s", action.asText(), sample)
              .isTrue();
        }
      }
    }
    for (String resource : resources) {
      for (String action :
          List.of(
              "s3:PutObjectTagging",
              "s3:GetObjectTagging",
              "s3:PutObjectAcl",
              "s3:GetObjectAcl",
              "s3:GetObjectVersion",
              "kms:Encrypt",
              "kms:ReEncryptFrom",
              "kms:GenerateDataKeyWithoutPlaintext",
              "kms:DescribeKey")) {
        probes.add(new String[] {action, resource});
      }
    }
    String policy = generated.toString();
    assertThat(probes)
        .as("an action the guide's grants allow and the generated policy does not")
        .anyMatch(p -> allows(grants, p[0], p[1]) && !allows(List.of(policy), p[0], p[1]));
  }

  private static final ConditionContext NO_KEYS =
      new ConditionContext() {
        @Override
        public @Nullable List<String> values(String lowerCaseKey) {
          return null;
        }

        @Override
        public boolean isMultivalued(String lowerCaseKey) {
          return false;
        }
      };

  /** Whether an Allow statement without conditions of these identity policies covers the access. */
  private static boolean allows(List<String> policies, String action, String resource) {
    for (String document : policies) {
      for (Statement statement : PARSER.parse(document, PolicyKind.IDENTITY).statements()) {
        if (statement.effect() == ferry.policy.Effect.ALLOW
            && statement.conditions().isEmpty()
            && statement.appliesToAction(action.toLowerCase(Locale.ROOT))
            && statement.appliesToResource(resource, NO_KEYS, false)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String pretty(JsonNode node) throws Exception {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
