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
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.Group;
import ferry.iam.IamService;
import ferry.iam.User;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamUserHandlerTest {
  static final String READ_S3 =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller dev;
  IamUserHandler handler;
  String managedArn;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    dev = services.root(DEV);
    handler = new IamUserHandler(iam);
    managedArn = iam.managedPolicies().createPolicy(dev, "reader", null, READ_S3, null).arn();
    iam.groups().createGroup(dev, null, "deployers");
    iam.groups().createGroup(dev, null, "auditors");
  }

  @AfterEach
  void stop() {
    services.close();
  }

  static final String ADMIN =
      """
      {"UserName": "admin", "Path": "/people/",
       "Groups": ["deployers"],
       "Policies": [{"PolicyName": "read", "PolicyDocument": %s}],
       "ManagedPolicyArns": ["%s"],
       "Tags": [{"Key": "team", "Value": "web"}]}
      """;

  private String admin() {
    return ADMIN.formatted(READ_S3, managedArn);
  }

  @Test
  void create_makesTheUserInItsGroupsWithItsPolicies_andRefIsItsName() {
    Provisioned user = handler.create(request(dev, "Admin", admin()));

    assertThat(user.physicalId()).isEqualTo("admin");
    assertThat(user.attributes())
        .containsEntry("Arn", "arn:aws:iam::111111111111:user/people/admin");
    User stored = iam.users().getUser(dev, "admin");
    assertThat(stored.tags()).containsEntry("team", "web");
    assertThat(iam.groups().listGroupsForUser(dev, "admin"))
        .extracting(Group::name)
        .containsExactly("deployers");
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.USER, "admin"))
        .containsExactly("read");
    assertThat(iam.entityPolicies().listAttachedPolicies(dev, EntityKind.USER, "admin"))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(managedArn);
  }

  @Test
  void create_withoutUserName_generatesOne() {
    Provisioned user = handler.create(request(dev, "Builder", "{}"));

    assertThat(user.physicalId()).matches("dev-Builder-[A-Z0-9]{12}");
  }

  @Test
  void loginProfile_isRefused_andNothingIsCreated() {
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Admin",
                        "{\"UserName\": \"admin\", \"LoginProfile\": {\"Password\": \"p\"}}")),
            "InvalidRequest")
        .isEqualTo(
            "Resource Admin of type AWS::IAM::User sets LoginProfile, which Ferry does not"
                + " support");
    assertThat(iam.users().listUsers(dev, null)).isEmpty();
  }

  @Test
  void update_movesGroupsPoliciesAndTags() {
    Provisioned user = handler.create(request(dev, "Admin", admin()));
    String wanted =
        """
        {"UserName": "admin", "Path": "/people/", "Groups": ["auditors"],
         "Tags": [{"Key": "team", "Value": "ops"}]}
        """;

    handler.update(request(dev, "Admin", wanted), user, json(admin()));

    assertThat(iam.groups().listGroupsForUser(dev, "admin"))
        .extracting(Group::name)
        .containsExactly("auditors");
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.USER, "admin")).isEmpty();
    assertThat(iam.entityPolicies().listAttachedPolicies(dev, EntityKind.USER, "admin")).isEmpty();
    assertThat(iam.users().getUser(dev, "admin").tags()).containsExactly(Map.entry("team", "ops"));
  }

  @Test
  void update_ofPath_isRefused() {
    Provisioned user = handler.create(request(dev, "Admin", admin()));

    assertAwsError(
            () ->
                handler.update(
                    request(dev, "Admin", admin().replace("/people/", "/staff/")),
                    user,
                    json(admin())),
            "InvalidRequest")
        .contains("Path");
    assertThat(iam.users().getUser(dev, "admin").path()).isEqualTo("/people/");
  }

  @Test
  void delete_removesGroupsPoliciesKeysAndUser_andAGoneUserDeletesFine() {
    Provisioned user = handler.create(request(dev, "Admin", admin()));
    iam.users().createAccessKey(dev, "admin");

    handler.delete(request(dev, "Admin", admin()), user);

    assertAwsError(() -> iam.users().getUser(dev, "admin"), "NoSuchEntity");
    assertThat(iam.groups().getGroup(dev, "deployers").users()).isEmpty();
    handler.delete(request(dev, "Admin", admin()), user);
  }

  @Test
  void callerWithoutCreateUser_isDenied_andNothingIsCreated() {
    Caller deployer = userWith(iam, dev, "deployer", allow("iam:AddUserToGroup"));

    var denied = assertDenied(() -> handler.create(request(deployer, "Admin", admin())));

    assertThat(denied.getMessage()).contains("iam:CreateUser");
    assertThat(iam.users().listUsers(dev, null)).extracting(User::name).containsExactly("deployer");
  }

  @Test
  void callerWithoutAddUserToGroup_isDenied_andTheUserItMadeIsRemoved() {
    Caller deployer =
        userWith(
            iam,
            dev,
            "deployer",
            allow(
                "iam:CreateUser",
                "iam:TagUser",
                "iam:PutUserPolicy",
                "iam:AttachUserPolicy",
                "iam:DeleteUserPolicy",
                "iam:DetachUserPolicy",
                "iam:DeleteUser"));

    var denied = assertDenied(() -> handler.create(request(deployer, "Admin", admin())));

    assertThat(denied.getMessage()).contains("iam:AddUserToGroup");
    assertThat(iam.users().listUsers(dev, null)).extracting(User::name).containsExactly("deployer");
  }
}
