package ferry.iam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import ferry.testing.GuideDocuments;
import ferry.testing.RunningFerry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.ListPoliciesResponse;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyEvaluationDecisionType;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM over the query protocol, driven by the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamWireTest {
  static final String SERVICE_ROLE = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";

  RunningFerry ferry;
  IamClient prod;
  IamClient dev;
  Role serviceRole;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir);
    prod = ferry.iam("prod");
    dev = ferry.iam("dev");
    serviceRole =
        dev.createRole(r ->
                r.roleName(SERVICE_ROLE)
                    .path("/service-role/")
                    .description("pipeline")
                    .maxSessionDuration(7200)
                    .tags(Tag.builder().key("team").value("web").build())
                    .assumeRolePolicyDocument(
                        GuideDocuments.read("dev/codepipeline-service-role-trust.json")))
            .role();

    String output =
        prod.createPolicy(r ->
                r.policyName("outputbucketdeployaccess")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
    String kms =
        prod.createPolicy(r ->
                r.policyName("devkmss3access")
                    .policyDocument(GuideDocuments.read("prod/devkmss3access.json")))
            .policy()
            .arn();
    prod.createRole(r ->
        r.roleName("prods3role")
            .assumeRolePolicyDocument(GuideDocuments.read("prod/prods3role-trust.json")));
    prod.attachRolePolicy(r -> r.roleName("prods3role").policyArn(output));
    prod.attachRolePolicy(r -> r.roleName("prods3role").policyArn(kms));
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  @Test
  void getRole_returnsTheTrustPolicyUrlEncoded_asIamDoes() {
    Role role = prod.getRole(r -> r.roleName("prods3role")).role();

    assertThat(role.arn()).isEqualTo("arn:aws:iam::222222222222:role/prods3role");
    assertThat(role.roleId()).startsWith("AROA");
    assertThat(role.maxSessionDuration()).isEqualTo(3600);
    assertThat(role.assumeRolePolicyDocument()).startsWith("%7B");
    assertThat(URLDecoder.decode(role.assumeRolePolicyDocument(), StandardCharsets.UTF_8))
        .isEqualTo(GuideDocuments.read("prod/prods3role-trust.json"));
    assertThat(prod.listAttachedRolePolicies(r -> r.roleName("prods3role")).attachedPolicies())
        .extracting(p -> p.policyName())
        .containsExactly("outputbucketdeployaccess", "devkmss3access");
  }

  @Test
  void serviceRole_withPathAndTags_roundTrips() {
    Role role = serviceRole;
    assertThat(role.arn()).isEqualTo("arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE);
    Role got = dev.getRole(r -> r.roleName(SERVICE_ROLE)).role();
    assertThat(got.path()).isEqualTo("/service-role/");
    assertThat(got.description()).isEqualTo("pipeline");
    assertThat(got.maxSessionDuration()).isEqualTo(7200);
    assertThat(got.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("web"));
  }

  @Test
  void roleTags_areAddedReplacedAndRemoved() {
    dev.tagRole(r ->
        r.roleName(SERVICE_ROLE)
            .tags(
                Tag.builder().key("team").value("ops").build(),
                Tag.builder().key("cost").value("42").build()));
    assertThat(dev.listRoleTags(r -> r.roleName(SERVICE_ROLE)).tags())
        .extracting(Tag::key, Tag::value)
        .containsExactly(tuple("team", "ops"), tuple("cost", "42"));
    dev.untagRole(r -> r.roleName(SERVICE_ROLE).tagKeys("cost"));
    assertThat(dev.getRole(r -> r.roleName(SERVICE_ROLE)).role().tags())
        .extracting(Tag::key)
        .containsExactly("team");
    dev.tagRole(r -> r.roleName(SERVICE_ROLE).tags(Tag.builder().key("team").value("web").build()));
  }

  @Test
  void trustPolicy_namingAnUnknownRole_isMalformedPolicyDocument() {
    var invalid =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class,
            () ->
                prod.createRole(r ->
                    r.roleName("other")
                        .assumeRolePolicyDocument(
                            GuideDocuments.read("prod/prods3role-trust.json")
                                .replace("crossaccountdeploy", "nothere"))));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111111111111:role/service-role/"
                + "AWSCodePipelineServiceRole-us-east-1-nothere\"");
  }

  @Test
  void trustPolicy_grantingANonAssumeAction_isMalformedPolicyDocument_andNoRoleIsMade() {
    var invalid =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class,
            () ->
                prod.createRole(r ->
                    r.roleName("s3trust").assumeRolePolicyDocument(trust("\"s3:GetObject\"", ""))));

    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
    assertThat(invalid.awsErrorDetails().errorMessage())
        .isEqualTo("AssumeRole policy may only specify STS AssumeRole actions.");
    assertThat(prod.listRoles().roles()).extracting(Role::roleName).doesNotContain("s3trust");
  }

  @Test
  void updateAssumeRolePolicy_withAResourceOrANonAssumeAction_isRefused_andTheTrustIsKept() {
    String before = prod.getRole(r -> r.roleName("prods3role")).role().assumeRolePolicyDocument();
    String withResource =
        trust("\"sts:AssumeRole\"", ",\"Resource\":\"arn:aws:iam::222222222222:role/prods3role\"");
    String withKms = trust("[\"sts:AssumeRole\",\"kms:Decrypt\"]", "");

    var resource =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class,
            () ->
                prod.updateAssumeRolePolicy(
                    r -> r.roleName("prods3role").policyDocument(withResource)));
    var action =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class,
            () ->
                prod.updateAssumeRolePolicy(r -> r.roleName("prods3role").policyDocument(withKms)));

    assertThat(resource.statusCode()).isEqualTo(400);
    assertThat(resource.awsErrorDetails().errorMessage())
        .isEqualTo("Has prohibited field Resource.");
    assertThat(action.awsErrorDetails().errorMessage())
        .isEqualTo("AssumeRole policy may only specify STS AssumeRole actions.");
    assertThat(prod.getRole(r -> r.roleName("prods3role")).role().assumeRolePolicyDocument())
        .isEqualTo(before);
  }

  @Test
  void trustPolicy_withWildcardsMatchingTheAssumeActions_isAccepted() {
    prod.createRole(r -> r.roleName("anyassume").assumeRolePolicyDocument(trust("\"*\"", "")));
    prod.updateAssumeRolePolicy(
        r -> r.roleName("anyassume").policyDocument(trust("[\"sts:*\",\"sts:TagSession\"]", "")));
    prod.deleteRole(r -> r.roleName("anyassume"));
  }

  /** A trust policy for dev's root with the given Action value and extra statement members. */
  private static String trust(String action, String extra) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":"
        + action
        + extra
        + "}]}";
  }

  @Test
  void errors_carryIamCodesStatusesAndMessages_andTheNextRequestSucceeds() {
    var missing =
        catchThrowableOfType(
            NoSuchEntityException.class, () -> prod.getRole(r -> r.roleName("nothere")));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("The role with name nothere cannot be found.");

    var exists =
        catchThrowableOfType(
            EntityAlreadyExistsException.class,
            () ->
                prod.createRole(r ->
                    r.roleName("prods3role")
                        .assumeRolePolicyDocument(
                            GuideDocuments.read("prod/prods3role-trust.json"))));
    assertThat(exists.statusCode()).isEqualTo(409);

    var conflict =
        catchThrowableOfType(
            DeleteConflictException.class, () -> prod.deleteRole(r -> r.roleName("prods3role")));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot delete entity, must detach all policies first.");

    var malformed =
        catchThrowableOfType(
            MalformedPolicyDocumentException.class,
            () -> prod.createPolicy(r -> r.policyName("bad").policyDocument("{\"Statement\":[]")));
    assertThat(malformed.awsErrorDetails().errorMessage()).isEqualTo("Syntax errors in policy.");

    var validation =
        catchThrowableOfType(IamException.class, () -> prod.getRole(r -> r.roleName("bad name")));
    assertThat(validation.awsErrorDetails().errorCode()).isEqualTo("ValidationError");

    assertThat(prod.getRole(r -> r.roleName("prods3role")).role().roleName())
        .isEqualTo("prods3role");
  }

  @Test
  void userWithoutIamPermissions_getsAccessDeniedOnCreateRole() {
    prod.createUser(r -> r.userName("mallory"));
    AccessKey key = prod.createAccessKey(r -> r.userName("mallory")).accessKey();
    assertThat(key.accessKeyId()).startsWith("AKIA");
    IamClient mallory =
        ferry.iam(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())));

    var denied =
        catchThrowableOfType(
            IamException.class,
            () ->
                mallory.createRole(r ->
                    r.roleName("escalate")
                        .assumeRolePolicyDocument(
                            GuideDocuments.read("prod/prods3role-trust.json"))));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.awsErrorDetails().errorMessage())
        .startsWith(
            "User: arn:aws:iam::222222222222:user/mallory is not authorized to perform:"
                + " iam:CreateRole on resource: arn:aws:iam::222222222222:role/escalate because"
                + " no identity-based policy allows the iam:CreateRole action");
    assertThat(catchThrowableOfType(IamException.class, mallory::listAccessKeys).statusCode())
        .as("mallory may not even list its own keys")
        .isEqualTo(403);
    assertThat(prod.getUser(r -> r.userName("mallory")).user().userId()).startsWith("AIDA");
  }

  @Test
  void policyVersions_andTheLimitOfFive() {
    String arn =
        prod.createPolicy(r ->
                r.policyName("versioned")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
    for (int i = 2; i <= 5; i++) {
      prod.createPolicyVersion(r ->
          r.policyArn(arn)
              .setAsDefault(true)
              .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")));
    }
    var limit =
        catchThrowableOfType(
            LimitExceededException.class,
            () ->
                prod.createPolicyVersion(r ->
                    r.policyArn(arn)
                        .policyDocument(
                            GuideDocuments.read("prod/outputbucketdeployaccess.json"))));
    assertThat(limit.statusCode()).isEqualTo(409);
    assertThat(prod.getPolicy(r -> r.policyArn(arn)).policy().defaultVersionId()).isEqualTo("v5");
    var version = prod.getPolicyVersion(r -> r.policyArn(arn).versionId("v1")).policyVersion();
    assertThat(version.isDefaultVersion()).isFalse();
    assertThat(URLDecoder.decode(version.document(), StandardCharsets.UTF_8))
        .isEqualTo(GuideDocuments.read("prod/outputbucketdeployaccess.json"));
  }

  @Test
  void listPolicies_pagesWithMarkers() {
    ListPoliciesResponse first = prod.listPolicies(r -> r.scope("Local").maxItems(1));
    assertThat(first.policies()).hasSize(1);
    assertThat(first.isTruncated()).isTrue();
    ListPoliciesResponse second =
        prod.listPolicies(r -> r.scope("Local").maxItems(1).marker(first.marker()));
    assertThat(second.policies()).hasSize(1);
    assertThat(second.policies().getFirst().policyName())
        .isNotEqualTo(first.policies().getFirst().policyName());
    assertThat(prod.listPoliciesPaginator(r -> r.scope("Local").maxItems(1)).policies())
        .extracting(p -> p.policyName())
        .contains("devkmss3access", "outputbucketdeployaccess");
  }

  @Test
  void simulatePrincipalPolicy_decidesWithTheEngine() {
    SimulatePrincipalPolicyResponse response =
        prod.simulatePrincipalPolicy(r ->
            r.policySourceArn("arn:aws:iam::222222222222:role/prods3role")
                .actionNames("s3:PutObject", "s3:DeleteBucket")
                .resourceArns("arn:aws:s3:::codepipeline-output-bucket/index.html"));

    assertThat(response.evaluationResults()).hasSize(2);
    assertThat(response.evaluationResults().get(0).evalDecision())
        .isEqualTo(PolicyEvaluationDecisionType.ALLOWED);
    assertThat(response.evaluationResults().get(0).matchedStatements())
        .singleElement()
        .satisfies(s -> assertThat(s.sourcePolicyId()).isEqualTo("outputbucketdeployaccess"));
    assertThat(response.evaluationResults().get(1).evalDecision())
        .isEqualTo(PolicyEvaluationDecisionType.IMPLICIT_DENY);
  }

  @Test
  void accountAuthorizationDetails_describeTheAccount() {
    var details = prod.getAccountAuthorizationDetails(r -> r.filterWithStrings("Role"));
    assertThat(details.roleDetailList()).extracting(r -> r.roleName()).contains("prods3role");
    assertThat(details.userDetailList()).isEmpty();
  }
}
