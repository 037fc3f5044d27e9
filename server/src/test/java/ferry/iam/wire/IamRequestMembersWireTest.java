package ferry.iam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.GuideDocuments;
import ferry.testing.RunningFerry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Every member of an implemented IAM operation is applied as AWS documents it, or the request is
 * refused: none is silently ignored.
 */
class IamRequestMembersWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final String TRUST = "dev/codepipeline-service-role-trust.json";

  static IamClient dev;
  static String boundary;
  static String deployPolicy;

  @BeforeAll
  static void policies() {
    dev = ferry.iam("dev");
    boundary =
        dev.createPolicy(r ->
                r.policyName("boundary")
                    .path("/boundaries/")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
    deployPolicy =
        dev.createPolicy(r ->
                r.policyName("deploy")
                    .path("/deploy/")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
  }

  private static IamException refused(Runnable call) {
    IamException error = catchThrowableOfType(IamException.class, call::run);
    assertThat(error).as("the request was refused").isNotNull();
    assertThat(error.statusCode()).isEqualTo(400);
    return error;
  }

  @Test
  void createUser_withAPermissionsBoundary_createsTheUserWithIt() {
    dev.createUser(r -> r.userName("bounded").permissionsBoundary(boundary));

    assertThat(
            dev.getUser(r -> r.userName("bounded"))
                .user()
                .permissionsBoundary()
                .permissionsBoundaryArn())
        .isEqualTo(boundary);
  }

  @Test
  void createUser_withAnUnknownBoundary_isNoSuchEntity_andNoUserIsMade() {
    String unknown = "arn:aws:iam::111111111111:policy/nothing";
    NoSuchEntityException error =
        catchThrowableOfType(
            NoSuchEntityException.class,
            () -> dev.createUser(r -> r.userName("unbounded").permissionsBoundary(unknown)));
    assertThat(error.awsErrorDetails().errorMessage()).contains(unknown);
    assertThat(
            catchThrowableOfType(
                NoSuchEntityException.class, () -> dev.getUser(r -> r.userName("unbounded"))))
        .isNotNull();

    dev.createUser(r -> r.userName("unbounded"));
    assertThat(dev.getUser(r -> r.userName("unbounded")).user().permissionsBoundary()).isNull();
  }

  @Test
  void createUser_withTags_createsTheUserWithThem() {
    dev.createUser(r -> r.userName("tagged").tags(Tag.builder().key("team").value("web").build()));

    assertThat(dev.getUser(r -> r.userName("tagged")).user().tags())
        .containsExactly(Tag.builder().key("team").value("web").build());
    assertThat(dev.listUserTags(r -> r.userName("tagged")).tags()).hasSize(1);
  }

  @Test
  void createRole_withAPermissionsBoundary_createsTheRoleWithIt() {
    dev.createRole(r ->
        r.roleName("bounded-role")
            .permissionsBoundary(boundary)
            .assumeRolePolicyDocument(GuideDocuments.read(TRUST)));

    assertThat(
            dev.getRole(r -> r.roleName("bounded-role"))
                .role()
                .permissionsBoundary()
                .permissionsBoundaryArn())
        .isEqualTo(boundary);
  }

  @Test
  void createPolicy_withDuplicateTagKeys_isInvalidInput_andNoPolicyIsMade() {
    IamException error =
        refused(() ->
            dev.createPolicy(r ->
                r.policyName("tagged-policy")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json"))
                    .tags(
                        Tag.builder().key("team").value("web").build(),
                        Tag.builder().key("Team").value("ops").build())));
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertThat(dev.listPolicies(r -> r.scope("Local")).policies())
        .noneMatch(p -> p.policyName().equals("tagged-policy"));

    String arn =
        dev.createPolicy(r ->
                r.policyName("tagged-policy")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json"))
                    .tags(Tag.builder().key("team").value("web").build()))
            .policy()
            .arn();
    assertThat(dev.getPolicy(r -> r.policyArn(arn)).policy().tags())
        .containsExactly(Tag.builder().key("team").value("web").build());
  }

  @Test
  void listAttachedRolePolicies_appliesPathPrefix() {
    dev.createRole(
        r -> r.roleName("two-policies").assumeRolePolicyDocument(GuideDocuments.read(TRUST)));
    dev.attachRolePolicy(r -> r.roleName("two-policies").policyArn(boundary));
    dev.attachRolePolicy(r -> r.roleName("two-policies").policyArn(deployPolicy));

    assertThat(
            dev.listAttachedRolePolicies(r -> r.roleName("two-policies").pathPrefix("/deploy/"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(deployPolicy);
    assertThat(dev.listAttachedRolePolicies(r -> r.roleName("two-policies")).attachedPolicies())
        .hasSize(2);
    IamException invalid =
        refused(() ->
            dev.listAttachedRolePolicies(r -> r.roleName("two-policies").pathPrefix("deploy")));
    assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }

  @Test
  void listAttachedUserPolicies_appliesPathPrefix() {
    dev.createUser(r -> r.userName("attached"));
    dev.attachUserPolicy(r -> r.userName("attached").policyArn(boundary));

    assertThat(
            dev.listAttachedUserPolicies(r -> r.userName("attached").pathPrefix("/deploy/"))
                .attachedPolicies())
        .isEmpty();
    assertThat(
            dev.listAttachedUserPolicies(r -> r.userName("attached").pathPrefix("/boundaries/"))
                .attachedPolicies())
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(boundary);
  }

  @Test
  void listPolicies_withPolicyUsageFilter_isRefused_andAnUnknownScopeIsAValidationError() {
    IamException usage =
        refused(() -> dev.listPolicies(r -> r.policyUsageFilter("PermissionsBoundary")));
    assertThat(usage.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    assertThat(usage.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter PolicyUsageFilter of ListPolicies.");

    IamException scope = refused(() -> dev.listPolicies(r -> r.scope("Everything")));
    assertThat(scope.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(scope.awsErrorDetails().errorMessage())
        .contains("Value 'Everything' at 'scope' failed to satisfy constraint");

    assertThat(dev.listPolicies(r -> r.scope("Local")).policies()).isNotEmpty();
  }

  @Test
  void simulatePolicy_withAResourcePolicyOrBoundary_isRefused() {
    String document = GuideDocuments.read("prod/outputbucketdeployaccess.json");
    IamException resource =
        refused(() ->
            dev.simulateCustomPolicy(r ->
                r.policyInputList(document).actionNames("s3:PutObject").resourcePolicy(document)));
    assertThat(resource.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    assertThat(resource.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter ResourcePolicy of SimulateCustomPolicy.");

    IamException bound =
        refused(() ->
            dev.simulatePrincipalPolicy(r ->
                r.policySourceArn("arn:aws:iam::111111111111:user/attached")
                    .actionNames("s3:PutObject")
                    .permissionsBoundaryPolicyInputList(document)));
    assertThat(bound.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Ferry does not support the parameter PermissionsBoundaryPolicyInputList of"
                + " SimulatePrincipalPolicy.");

    assertThat(
            dev.simulateCustomPolicy(r -> r.policyInputList(document).actionNames("s3:PutObject"))
                .evaluationResults())
        .hasSize(1);
  }
}
