package ferry.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ferry.policy.PolicyParser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guide's requests with the guide's policies (spec §7.2), and each grant removed (§7.3). */
class GuideTest {
  private static final PolicyParser PARSER = new PolicyParser();
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  static Stream<Guide.Request> requests() {
    return Guide.requests(PARSER, Guide.documents()).stream();
  }

  @ParameterizedTest(name = "{0} is allowed")
  @MethodSource("requests")
  void eachRequestOfTheGuide_isAllowed(Guide.Request request) {
    Decision decision = EVALUATOR.evaluate(request.context(), request.policies());
    assertThat(decision.isAllowed()).as(decision.explanation().render()).isTrue();
  }

  static Stream<Arguments> grants() {
    String sr = Guide.SERVICE_ROLE;
    String s1 = Guide.S1.arn();
    String s2 = Guide.S2.arn();
    return Stream.of(
        arguments(
            "T1a fails without the rule role's trust in events.amazonaws.com",
            "D7-rule-role-trust",
            0,
            null,
            Set.of("T1a"),
            "because no role trust policy allows the sts:AssumeRole action"),
        arguments(
            "T1b fails without the rule role's permission to start the pipeline",
            "D7-rule-role-policy",
            0,
            null,
            Set.of("T1b"),
            "because no identity-based policy allows the codepipeline:StartPipelineExecution action"),
        arguments(
            "X15: T2 fails without the service role's trust in codepipeline.amazonaws.com",
            "D1-service-role-trust",
            0,
            null,
            Set.of("T2"),
            "User: codepipeline.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: "
                + sr
                + " because no role trust policy allows the sts:AssumeRole action"),
        arguments(
            "X13: T3 and T4 fail without the service role's source-bucket read",
            "D2-service-role-policy",
            0,
            null,
            Set.of("T3", "T4"),
            "User: "
                + s1
                + " is not authorized to perform: s3:GetBucketVersioning on resource: "
                + Guide.INPUT_BUCKET
                + " because no identity-based policy allows the s3:GetBucketVersioning action"),
        arguments(
            "X12: T5 fails without the service role's artifact-bucket write",
            "D2-service-role-policy",
            1,
            null,
            Set.of("T5"),
            "User: "
                + s1
                + " is not authorized to perform: s3:PutObject on resource: "
                + Guide.ARTIFACT
                + " because no identity-based policy allows the s3:PutObject action"),
        arguments(
            "X9: T7 fails without assumeprods3role",
            "D3-assumeprods3role",
            0,
            null,
            Set.of("T7"),
            "User: "
                + s1
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + Guide.PRODS3ROLE
                + " because no identity-based policy allows the sts:AssumeRole action"),
        arguments(
            "X1: T6 fails without the service role as key user",
            "D4-key-policy",
            2,
            sr,
            Set.of("T6"),
            "User: "
                + s1
                + " is not authorized to perform: kms:GenerateDataKey on resource: "
                + Guide.KEY
                + " because no identity-based policy allows the kms:GenerateDataKey action"),
        arguments(
            "X2: T9 fails without the prod account as key user",
            "D4-key-policy",
            2,
            "arn:aws:iam::222222222222:root",
            Set.of("T9"),
            "User: "
                + s2
                + " is not authorized to perform: kms:Decrypt on resource: "
                + Guide.KEY
                + " because no resource-based policy allows the kms:Decrypt action"),
        arguments(
            "X17: nothing in the pipeline fails without the key's root statement",
            "D4-key-policy",
            0,
            null,
            Set.of(),
            ""),
        arguments(
            "X18: nothing fails without the key administrators statement",
            "D4-key-policy",
            1,
            null,
            Set.of(),
            ""),
        arguments(
            "X18: nothing fails without the persistent-resources statement",
            "D4-key-policy",
            3,
            null,
            Set.of(),
            ""),
        arguments(
            "X5: T8 fails without the bucket policy's grant to prod",
            "D5-artifact-bucket-policy",
            2,
            null,
            Set.of("T8"),
            "User: "
                + s2
                + " is not authorized to perform: s3:GetObject on resource: "
                + Guide.ARTIFACT
                + " because no resource-based policy allows the s3:GetObject action"),
        arguments(
            "X6: T10 fails without the bucket policy's ListBucket grant to prod",
            "D5-artifact-bucket-policy",
            3,
            null,
            Set.of("T10"),
            "because no resource-based policy allows the s3:ListBucket action"),
        arguments(
            "nothing fails without the bucket policy's deny of unencrypted uploads",
            "D5-artifact-bucket-policy",
            0,
            null,
            Set.of(),
            ""),
        arguments(
            "nothing fails without the bucket policy's deny of insecure connections",
            "D5-artifact-bucket-policy",
            1,
            null,
            Set.of(),
            ""),
        arguments(
            "X8: T7 fails when prods3role's trust no longer names the service role",
            "P1-prods3role-trust",
            0,
            null,
            Set.of("T7"),
            "User: "
                + s1
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + Guide.PRODS3ROLE
                + " because no role trust policy allows the sts:AssumeRole action"),
        arguments(
            "X7: T11 fails without outputbucketdeployaccess's s3:Put*",
            "P2-outputbucketdeployaccess",
            0,
            null,
            Set.of("T11"),
            "User: "
                + s2
                + " is not authorized to perform: s3:PutObject on resource: "
                + Guide.OUTPUT_OBJECT
                + " because no identity-based policy allows the s3:PutObject action"),
        arguments(
            "X6: nothing fails without outputbucketdeployaccess's ListBucket",
            "P2-outputbucketdeployaccess",
            1,
            null,
            Set.of(),
            ""),
        arguments(
            "X3: T9 fails without devkmss3access's KMS statement",
            "P3-devkmss3access",
            0,
            null,
            Set.of("T9"),
            "User: "
                + s2
                + " is not authorized to perform: kms:Decrypt on resource: "
                + Guide.KEY
                + " because no identity-based policy allows the kms:Decrypt action"),
        arguments(
            "X4: T8 fails without devkmss3access's s3:Get*",
            "P3-devkmss3access",
            1,
            null,
            Set.of("T8"),
            "because no identity-based policy allows the s3:GetObject action"),
        arguments(
            "X6: T10 fails without devkmss3access's ListBucket",
            "P3-devkmss3access",
            2,
            null,
            Set.of("T10"),
            "because no identity-based policy allows the s3:ListBucket action"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grants")
  void removingOneGrant_failsExactlyTheRequestsThatNeedIt(
      String name,
      String file,
      int statement,
      @Nullable String principal,
      Set<String> failing,
      String message) {
    Map<String, String> docs = Guide.without(Guide.documents(), file, statement, principal);
    Set<String> denied = new TreeSet<>();
    String firstMessage = null;
    for (Guide.Request request : Guide.requests(PARSER, docs)) {
      Decision decision = EVALUATOR.evaluate(request.context(), request.policies());
      if (!decision.isAllowed()) {
        denied.add(request.id());
        if (firstMessage == null) {
          firstMessage = decision.accessDeniedMessage();
          assertThat(decision.missingGrant()).isNotEmpty();
          assertThat(decision.explanation().render()).contains("Missing: ");
        }
      }
    }
    assertThat(denied).isEqualTo(new TreeSet<>(failing));
    if (!failing.isEmpty()) {
      assertThat(firstMessage).contains(message);
    }
  }

  @Test
  void crossAccountRead_withoutTheBucketGrant_namesTheMissingGrantInPlainWords() {
    Map<String, String> docs =
        Guide.without(Guide.documents(), "D5-artifact-bucket-policy", 2, null);
    Guide.Request t8 =
        Guide.requests(PARSER, docs).stream()
            .filter(r -> r.id().equals("T8"))
            .findFirst()
            .orElseThrow();
    Decision decision = EVALUATOR.evaluate(t8.context(), t8.policies());
    assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(decision.deniedBy()).isEqualTo(PolicyType.RESOURCE_BASED);
    assertThat(decision.missingGrant())
        .isEqualTo(
            "the bucket policy of codepipeline-us-east-1-0123456789 has no statement allowing "
                + Guide.S2.arn()
                + " (or its role arn:aws:iam::222222222222:role/prods3role, or its account"
                + " arn:aws:iam::222222222222:root) s3:GetObject on "
                + Guide.ARTIFACT);
    assertThat(decision.accessDeniedMessage(true))
        .contains("on resource: \"" + Guide.ARTIFACT + "\" because no resource-based policy");
  }

  @Test
  void kmsCanWordItsOwnMessage_fromTheReason() {
    Map<String, String> docs = Guide.without(Guide.documents(), "P3-devkmss3access", 0, null);
    Guide.Request t9 =
        Guide.requests(PARSER, docs).stream()
            .filter(r -> r.id().equals("T9"))
            .findFirst()
            .orElseThrow();
    Decision decision = EVALUATOR.evaluate(t9.context(), t9.policies());
    assertThat(
            "User: "
                + Guide.S2.arn()
                + " is not authorized to perform: kms:Decrypt on the resource associated with this"
                + " ciphertext "
                + decision.reason())
        .isEqualTo(
            "User: arn:aws:sts::222222222222:assumed-role/prods3role/deploy is not authorized to"
                + " perform: kms:Decrypt on the resource associated with this ciphertext because no"
                + " identity-based policy allows the kms:Decrypt action");
  }

  @Test
  void unencryptedUpload_isDeniedExplicitly_byTheBucketPolicy() {
    Guide.Request t5 =
        Guide.requests(PARSER, Guide.documents()).stream()
            .filter(r -> r.id().equals("T5"))
            .findFirst()
            .orElseThrow();
    AuthorizationContext plain =
        Guide.ctx(Guide.S1, "s3:PutObject", Guide.ARTIFACT, Guide.DEV).build();
    Decision decision = EVALUATOR.evaluate(plain, t5.policies());
    assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
    assertThat(decision.accessDeniedMessage())
        .endsWith("with an explicit deny in a resource-based policy");
    assertThat(decision.denyingStatement().statement().sid())
        .isEqualTo("DenyUnEncryptedObjectUploads");
    String text = decision.explanation().render();
    assertThat(text)
        .contains("DenyUnEncryptedObjectUploads")
        .contains("bucket policy of codepipeline-us-east-1-0123456789");
    List<PolicyReport> reports = decision.explanation().policies();
    assertThat(reports).hasSize(3);
  }
}
