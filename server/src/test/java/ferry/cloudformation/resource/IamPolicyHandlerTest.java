package ferry.cloudformation.resource;

import static ferry.cloudformation.resource.TemplateRequests.allow;
import static ferry.cloudformation.resource.TemplateRequests.assertDenied;
import static ferry.cloudformation.resource.TemplateRequests.json;
import static ferry.cloudformation.resource.TemplateRequests.request;
import static ferry.cloudformation.resource.TemplateRequests.userWith;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles.CreateRoleRequest;
import ferry.iam.IamService;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamPolicyHandlerTest {
  static final String ROLE = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String ASSUME = GuideDocuments.read("dev/assumeprods3role.json");

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller dev;
  IamPolicyHandler handler;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    dev = services.root(DEV);
    handler = new IamPolicyHandler(iam);
    iam.roles()
        .createRole(
            dev,
            new CreateRoleRequest(
                ROLE,
                "/service-role/",
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
    iam.users().createUser(dev, null, "admin");
    iam.groups().createGroup(dev, null, "deployers");
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private static String policy(String name, String holders) {
    return "{\"PolicyName\": \""
        + name
        + "\", \"PolicyDocument\": "
        + ASSUME
        + ", "
        + holders
        + "}";
  }

  @Test
  void create_putsTheInlinePolicyIntoEachHolder_andRefIsAGeneratedId() {
    Provisioned policy =
        handler.create(
            request(
                dev,
                "AssumeProdRole",
                policy(
                    "assumeprods3role",
                    "\"Roles\": [\""
                        + ROLE
                        + "\"], \"Users\": [\"admin\"], \"Groups\": [\"deployers\"]")));

    assertThat(policy.physicalId()).matches("dev-Assum-[A-Z0-9]{12}");
    assertThat(policy.attributes()).containsEntry("Id", policy.physicalId());
    for (var holder :
        Map.of(EntityKind.ROLE, ROLE, EntityKind.USER, "admin", EntityKind.GROUP, "deployers")
            .entrySet()) {
      assertThat(
              iam.entityPolicies()
                  .getInlinePolicy(dev, holder.getKey(), holder.getValue(), "assumeprods3role")
                  .document())
          .contains("prods3role");
    }
  }

  @Test
  void create_withoutHolders_isRefused() {
    assertAwsError(
            () -> handler.create(request(dev, "P", policy("p", "\"Roles\": []"))), "InvalidRequest")
        .endsWith("At least one of [Groups,Roles,Users] must be non-empty.");
  }

  @Test
  void update_renamesAndMovesThePolicy() {
    String before = policy("assumeprods3role", "\"Roles\": [\"" + ROLE + "\"]");
    Provisioned policy = handler.create(request(dev, "AssumeProdRole", before));

    Provisioned updated =
        handler.update(
            request(dev, "AssumeProdRole", policy("assume", "\"Users\": [\"admin\"]")),
            policy,
            json(before));

    assertThat(updated).isEqualTo(policy);
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.ROLE, ROLE)).isEmpty();
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.USER, "admin"))
        .containsExactly("assume");
  }

  @Test
  void delete_removesItFromEachHolder_andAGonePolicyDeletesFine() {
    String properties = policy("assumeprods3role", "\"Roles\": [\"" + ROLE + "\"]");
    Provisioned policy = handler.create(request(dev, "AssumeProdRole", properties));

    handler.delete(request(dev, "AssumeProdRole", properties), policy);
    handler.delete(request(dev, "AssumeProdRole", properties), policy);

    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.ROLE, ROLE)).isEmpty();
  }

  @Test
  void callerWithoutPutUserPolicy_isDenied_andThePartsMadeAreRemoved() {
    Caller deployer =
        userWith(iam, dev, "deployer", allow("iam:PutRolePolicy", "iam:DeleteRolePolicy"));

    var denied =
        assertDenied(() ->
            handler.create(
                request(
                    deployer,
                    "AssumeProdRole",
                    policy(
                        "assumeprods3role",
                        "\"Roles\": [\"" + ROLE + "\"], \"Users\": [\"admin\"]"))));

    assertThat(denied.getMessage()).contains("iam:PutUserPolicy");
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.ROLE, ROLE)).isEmpty();
  }
}
