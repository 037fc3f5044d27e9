package ferry.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Replays the differential corpus ({@code oracle-corpus.json}, made by {@code
 * src/test/oracle/generate.mjs} with the independent simulator {@code @cloud-copilot/iam-simulate})
 * through Ferry's engine: every decision must agree, except the few listed in {@link #KNOWN}, each
 * with the AWS documentation that shows Ferry is right.
 */
class OracleCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PolicyParser PARSER = new PolicyParser(100_000);
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  /**
   * Policy variables exist only in Version 2012-10-17 documents; in a 2008-10-17 document {@code
   * ${aws:username}} is a literal string. The oracle substitutes variables in both versions.
   */
  private static final String VARIABLES_ONLY_IN_2012 =
      "reference_policies_variables.html (IAM User Guide): policy variables need Version"
          + " 2012-10-17; under an earlier version ${aws:username} is a literal string";

  /**
   * A resource-based policy that names the session (its ARN, or everyone) grants to the session
   * itself, and a session policy does not limit it; the oracle always intersects with the session
   * policy (its README lists session policies as not yet fully supported).
   */
  private static final String SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS =
      "access_policies.html#policies_session (IAM User Guide): when a resource-based policy"
          + " names the session ARN, its permissions are added after the session is created and"
          + " are not limited by the session policy";

  /** Case id → why Ferry's answer differs from the oracle's and is right. */
  static final Map<String, String> KNOWN =
      Map.ofEntries(
          Map.entry("c0853", VARIABLES_ONLY_IN_2012),
          Map.entry("c0911", VARIABLES_ONLY_IN_2012),
          Map.entry("c1601", VARIABLES_ONLY_IN_2012),
          Map.entry("c2409", VARIABLES_ONLY_IN_2012),
          Map.entry("c2412", VARIABLES_ONLY_IN_2012),
          Map.entry("c0441", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c0562", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c1285", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c1537", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c2087", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c2128", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS),
          Map.entry("c2268", SESSION_POLICY_DOES_NOT_LIMIT_SESSION_GRANTS));

  /** One case of the corpus, ready to evaluate. */
  record Case(String id, AuthorizationContext context, PolicySet policies, Outcome expected) {}

  static List<Case> corpus() {
    try (InputStream in =
        OracleCorpusTest.class.getResourceAsStream("/ferry/policy/oracle-corpus.json")) {
      if (in == null) {
        throw new IllegalStateException("oracle-corpus.json is missing");
      }
      JsonNode root = JSON.readTree(in);
      List<Case> out = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        out.add(toCase(c));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Case toCase(JsonNode c) throws IOException {
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
    AuthorizationContext.Builder b =
        AuthorizationContext.builder(
                principal, c.get("action").asText(), c.get("resource").asText())
            .resourceAccount(c.get("resourceAccount").asText());
    // The corpus gives every key the oracle saw; drop the ones the builder derives.
    for (String derived :
        List.of(
            "aws:PrincipalArn",
            "aws:PrincipalAccount",
            "aws:PrincipalType",
            "aws:userid",
            "aws:username",
            "aws:PrincipalServiceName",
            "aws:ResourceAccount")) {
      b.remove(derived);
    }
    for (Map.Entry<String, JsonNode> key : c.get("context").properties()) {
      if (key.getValue().isArray()) {
        List<String> values = new ArrayList<>();
        key.getValue().forEach(v -> values.add(v.asText()));
        b.multivaluedKey(key.getKey(), values);
      } else {
        b.key(key.getKey(), key.getValue().asText());
      }
    }
    PolicySet.Builder set = PolicySet.builder();
    int i = 0;
    for (JsonNode ip : c.get("identityPolicies")) {
      set.identity(
          ip.get("name").asText() + "#" + i++,
          PARSER.parse(JSON.writeValueAsString(ip.get("policy")), PolicyKind.IDENTITY));
    }
    if (c.hasNonNull("permissionBoundary")) {
      set.permissionsBoundary(
          "boundary",
          PARSER.parse(
              JSON.writeValueAsString(c.get("permissionBoundary")),
              PolicyKind.PERMISSIONS_BOUNDARY));
    }
    if (c.hasNonNull("sessionPolicy")) {
      set.session(
          "session",
          PARSER.parse(JSON.writeValueAsString(c.get("sessionPolicy")), PolicyKind.SESSION));
    }
    if (c.hasNonNull("resourcePolicy")) {
      PolicyKind kind =
          switch (c.get("resourceKind").asText()) {
            case "key" -> PolicyKind.KEY;
            case "trust" -> PolicyKind.TRUST;
            default -> PolicyKind.BUCKET;
          };
      set.resource(
          kind.description() + " of " + c.get("resource").asText(),
          PARSER.parse(JSON.writeValueAsString(c.get("resourcePolicy")), kind));
    }
    Outcome expected =
        switch (c.get("expected").asText()) {
          case "Allowed" -> Outcome.ALLOW;
          case "ExplicitlyDenied" -> Outcome.EXPLICIT_DENY;
          default -> Outcome.IMPLICIT_DENY;
        };
    return new Case(c.get("id").asText(), b.build(), set.build(), expected);
  }

  @Test
  void ferryAgreesWithTheOracle_onEveryCaseButTheDocumentedOnes() {
    List<Case> cases = corpus();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3_500);
    Map<String, String> disagreements = new TreeMap<>();
    for (Case c : cases) {
      Decision decision = EVALUATOR.evaluate(c.context(), c.policies());
      if (decision.outcome() != c.expected()) {
        disagreements.put(
            c.id(),
            c.id()
                + ": oracle "
                + c.expected()
                + ", Ferry "
                + decision.outcome()
                + "\n"
                + decision.explanation().render());
      }
    }
    Map<String, String> unexplained = new TreeMap<>(disagreements);
    unexplained.keySet().removeAll(KNOWN.keySet());
    assertThat(unexplained).as("disagreements with the oracle: %s", unexplained.values()).isEmpty();
    assertThat(disagreements.keySet())
        .as("known disagreements that no longer occur")
        .containsAll(KNOWN.keySet());
  }
}
