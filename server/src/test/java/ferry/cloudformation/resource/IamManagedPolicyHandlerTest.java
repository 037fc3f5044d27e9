package ferry.cloudformation.resource;

import static ferry.cloudformation.resource.TemplateRequests.allow;
import static ferry.cloudformation.resource.TemplateRequests.assertDenied;
import static ferry.cloudformation.resource.TemplateRequests.json;
import static ferry.cloudformation.resource.TemplateRequests.request;
import static ferry.cloudformation.resource.TemplateRequests.userWith;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles.CreateRoleRequest;
import ferry.iam.IamService;
import ferry.iam.ManagedPolicy;
import ferry.iam.PolicyVersion;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamManagedPolicyHandlerTest {
  static final String DOCUMENT = GuideDocuments.read("prod/outputbucketdeployaccess.json");
  static final String ARN = "arn:aws:iam::222222222222:policy/outputbucketdeployaccess";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller prod;
  IamManagedPolicyHandler handler;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    prod = services.root(PROD);
    handler = new IamManagedPolicyHandler(iam);
    iam.roles()
        .createRole(
            prod,
            new CreateRoleRequest(
                "prods3role",
                null,
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private static String policy(String document) {
    return """
    {"ManagedPolicyName": "outputbucketdeployaccess", "Description": "deploys the site",
     "PolicyDocument": %s, "Roles": ["prods3role"]}
    """
        .formatted(document);
  }

  @Test
  void create_makesThePolicyAttachedToItsRoles_andRefIsItsArn() {
    Provisioned policy = handler.create(request(prod, "OutputAccess", policy(DOCUMENT)));

    assertThat(policy.physicalId()).isEqualTo(ARN);
    ManagedPolicy stored = iam.managedPolicies().getPolicy(prod, ARN);
    assertThat(policy.attributes())
        .containsEntry("PolicyArn", ARN)
        .containsEntry("PolicyId", stored.policyId())
        .containsEntry("DefaultVersionId", "v1")
        .containsEntry("AttachmentCount", "1")
        .containsEntry("IsAttachable", "true");
    assertThat(stored.description()).isEqualTo("deploys the site");
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role"))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(ARN);
  }

  @Test
  void create_withoutName_generatesOne() {
    Provisioned policy =
        handler.create(request(prod, "OutputAccess", "{\"PolicyDocument\": " + DOCUMENT + "}"));

    assertThat(policy.physicalId())
        .matches("arn:aws:iam::222222222222:policy/dev-OutputAccess-[A-Z0-9]{12}");
  }

  @Test
  void update_ofTheDocument_makesANewDefaultVersion_keepingAtMostFive() {
    Provisioned policy = handler.create(request(prod, "OutputAccess", policy(DOCUMENT)));
    String previous = DOCUMENT;
    for (int i = 1; i <= 6; i++) {
      String document = DOCUMENT.replace("s3:Put*", "s3:PutObject" + "*".repeat(i));
      policy =
          handler.update(
              request(prod, "OutputAccess", policy(document)), policy, json(policy(previous)));
      previous = document;
    }

    assertThat(policy.attributes()).containsEntry("DefaultVersionId", "v7");
    assertThat(iam.managedPolicies().listPolicyVersions(prod, ARN))
        .extracting(PolicyVersion::versionId)
        .containsExactlyInAnyOrder("v3", "v4", "v5", "v6", "v7");
    assertThat(iam.managedPolicies().getPolicyVersion(prod, ARN, "v7").document())
        .contains("s3:PutObject******");
  }

  @Test
  void update_ofAttachments_detachesAndAttaches() {
    iam.users().createUser(prod, null, "deployer");
    Provisioned policy = handler.create(request(prod, "OutputAccess", policy(DOCUMENT)));
    String wanted =
        policy(DOCUMENT).replace("\"Roles\": [\"prods3role\"]", "\"Users\": [\"deployer\"]");

    Provisioned updated =
        handler.update(request(prod, "OutputAccess", wanted), policy, json(policy(DOCUMENT)));

    assertThat(updated.attributes()).containsEntry("DefaultVersionId", "v1");
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role"))
        .isEmpty();
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.USER, "deployer"))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(ARN);
  }

  @Test
  void delete_detachesAndDeletesEveryVersion_andAGonePolicyDeletesFine() {
    Provisioned policy = handler.create(request(prod, "OutputAccess", policy(DOCUMENT)));
    String document = DOCUMENT.replace("s3:Put*", "s3:PutObject");
    policy =
        handler.update(
            request(prod, "OutputAccess", policy(document)), policy, json(policy(DOCUMENT)));

    handler.delete(request(prod, "OutputAccess", policy(document)), policy);
    handler.delete(request(prod, "OutputAccess", policy(document)), policy);

    assertAwsError(() -> iam.managedPolicies().getPolicy(prod, ARN), "NoSuchEntity");
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role"))
        .isEmpty();
  }

  @Test
  void callerWithoutCreatePolicy_isDenied_andNothingIsCreated() {
    Caller deployer = userWith(iam, prod, "deployer", allow("iam:AttachRolePolicy"));

    var denied =
        assertDenied(() -> handler.create(request(deployer, "OutputAccess", policy(DOCUMENT))));

    assertThat(denied.getMessage()).contains("iam:CreatePolicy");
    assertThat(iam.managedPolicies().listPolicies(prod, null, false)).isEmpty();
  }

  @Test
  void callerWithoutAttachRolePolicy_isDenied_andThePolicyItMadeIsRemoved() {
    Caller deployer =
        userWith(iam, prod, "deployer", allow("iam:CreatePolicy", "iam:DeletePolicy"));

    var denied =
        assertDenied(() -> handler.create(request(deployer, "OutputAccess", policy(DOCUMENT))));

    assertThat(denied.getMessage()).contains("iam:AttachRolePolicy");
    assertThat(iam.managedPolicies().listPolicies(prod, null, false)).isEmpty();
  }
}
