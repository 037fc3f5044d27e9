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
import ferry.iam.IamService;
import ferry.iam.Role;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamRoleHandlerTest {
  static final String TRUST = GuideDocuments.read("dev/codepipeline-service-role-trust.json");
  static final String READ_S3 =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller dev;
  IamRoleHandler handler;
  String managedArn;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    dev = services.root(DEV);
    handler = new IamRoleHandler(iam);
    managedArn =
        iam.managedPolicies()
            .createPolicy(
                dev,
                "assumeprods3role",
                null,
                GuideDocuments.read("dev/assumeprods3role.json"),
                null)
            .arn();
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private String serviceRole() {
    return """
    {"RoleName": "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
     "Path": "/service-role/",
     "AssumeRolePolicyDocument": %s,
     "Description": "the pipeline's service role",
     "MaxSessionDuration": "7200",
     "Policies": [{"PolicyName": "read", "PolicyDocument": %s}],
     "ManagedPolicyArns": ["%s"],
     "Tags": [{"Key": "team", "Value": "web"}]}
    """
        .formatted(TRUST, READ_S3, managedArn);
  }

  @Test
  void create_makesTheRoleWithItsPoliciesAndTags_andRefIsItsName() {
    Provisioned role =
        handler.create(request(dev, "ServiceRole", serviceRole(), Map.of("stage", "dev")));

    String name = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
    assertThat(role.physicalId()).isEqualTo(name);
    Role stored = iam.roles().getRole(dev, name);
    assertThat(role.attributes())
        .containsEntry("Arn", "arn:aws:iam::111111111111:role/service-role/" + name)
        .containsEntry("RoleId", stored.roleId());
    assertThat(stored.maxSessionDuration()).isEqualTo(7200);
    assertThat(stored.description()).isEqualTo("the pipeline's service role");
    assertThat(stored.tags()).containsEntry("team", "web").containsEntry("stage", "dev");
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.ROLE, name))
        .containsExactly("read");
    assertThat(iam.entityPolicies().listAttachedPolicies(dev, EntityKind.ROLE, name))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(managedArn);
  }

  @Test
  void create_withoutRoleName_generatesStackLogicalIdRandom() {
    Provisioned role =
        handler.create(
            request(dev, "PipelineRole", "{\"AssumeRolePolicyDocument\": " + TRUST + "}"));

    assertThat(role.physicalId()).matches("dev-PipelineRole-[A-Z0-9]{12}").hasSizeLessThan(65);
    assertThat(iam.roles().getRole(dev, role.physicalId()).path()).isEqualTo("/");
  }

  @Test
  void update_appliesOnlyTheDifferences() {
    Provisioned role = handler.create(request(dev, "ServiceRole", serviceRole()));
    String name = role.physicalId();
    String roleId = role.attributes().get("RoleId");
    String other = iam.managedPolicies().createPolicy(dev, "other", null, READ_S3, null).arn();
    String trustEvents = TRUST.replace("codepipeline.amazonaws.com", "events.amazonaws.com");
    String wanted =
        """
        {"RoleName": "%s", "Path": "/service-role/",
         "AssumeRolePolicyDocument": %s,
         "MaxSessionDuration": 3600,
         "Policies": [{"PolicyName": "write", "PolicyDocument": %s}],
         "ManagedPolicyArns": ["%s"],
         "Tags": [{"Key": "owner", "Value": "ops"}]}
        """
            .formatted(name, trustEvents, READ_S3.replace("GetObject", "PutObject"), other);

    Provisioned updated =
        handler.update(request(dev, "ServiceRole", wanted), role, json(serviceRole()));

    assertThat(updated).isEqualTo(role);
    Role stored = iam.roles().getRole(dev, name);
    assertThat(stored.roleId()).as("the same role, not a replacement").isEqualTo(roleId);
    assertThat(stored.trustPolicy()).contains("events.amazonaws.com");
    assertThat(stored.maxSessionDuration()).isEqualTo(3600);
    assertThat(stored.description()).isEmpty();
    assertThat(stored.tags()).containsExactly(Map.entry("owner", "ops"));
    assertThat(iam.entityPolicies().listInlinePolicies(dev, EntityKind.ROLE, name))
        .containsExactly("write");
    assertThat(iam.entityPolicies().getInlinePolicy(dev, EntityKind.ROLE, name, "write").document())
        .contains("s3:PutObject");
    assertThat(iam.entityPolicies().listAttachedPolicies(dev, EntityKind.ROLE, name))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(other);
  }

  @Test
  void update_withNothingChanged_callsNothing() {
    Provisioned role = handler.create(request(dev, "ServiceRole", serviceRole()));
    Caller readOnly = userWith(iam, dev, "viewer", allow("iam:Get*", "iam:List*"));

    Provisioned same =
        handler.update(request(readOnly, "ServiceRole", serviceRole()), role, json(serviceRole()));

    assertThat(same).isEqualTo(role);
  }

  @Test
  void delete_removesPoliciesAndRole_andAGoneRoleDeletesFine() {
    Provisioned role = handler.create(request(dev, "ServiceRole", serviceRole()));
    // A policy attached outside the template is detached too, as AWS's handler does.
    iam.entityPolicies().putInlinePolicy(dev, EntityKind.ROLE, role.physicalId(), "extra", READ_S3);

    handler.delete(request(dev, "ServiceRole", serviceRole()), role);

    assertAwsError(() -> iam.roles().getRole(dev, role.physicalId()), "NoSuchEntity");
    assertThat(iam.managedPolicies().getPolicy(dev, managedArn).attachmentCount()).isZero();
    handler.delete(request(dev, "ServiceRole", serviceRole()), role);
  }

  @Test
  void callerWithoutCreateRole_isDenied_andNothingIsCreated() {
    Caller deployer =
        userWith(iam, dev, "deployer", allow("iam:PutRolePolicy", "iam:AttachRolePolicy"));

    var denied =
        assertDenied(() -> handler.create(request(deployer, "ServiceRole", serviceRole())));

    assertThat(denied.getMessage()).contains("iam:CreateRole");
    assertThat(iam.roles().listRoles(dev, null)).isEmpty();
    handler.create(request(dev, "ServiceRole", serviceRole()));
  }

  @Test
  void callerWithoutPutRolePolicy_isDenied_andTheRoleItMadeIsRemoved() {
    Caller deployer =
        userWith(iam, dev, "deployer", allow("iam:CreateRole", "iam:TagRole", "iam:DeleteRole"));

    var denied =
        assertDenied(() -> handler.create(request(deployer, "ServiceRole", serviceRole())));

    assertThat(denied.getMessage()).contains("iam:PutRolePolicy");
    assertThat(iam.roles().listRoles(dev, null)).isEmpty();
  }

  @Test
  void deleteByCallerWithoutDeleteRole_isDenied_andTheRoleStays() {
    Provisioned role = handler.create(request(dev, "ServiceRole", serviceRole()));
    Caller viewer = userWith(iam, dev, "viewer", allow("iam:List*"));

    assertDenied(() -> handler.delete(request(viewer, "ServiceRole", serviceRole()), role));

    assertThat(iam.roles().getRole(dev, role.physicalId())).isNotNull();
  }

  @Test
  void malformedProperties_areRefused_andNothingIsCreated() {
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "ServiceRole",
                        "{\"AssumeRolePolicyDocument\": "
                            + TRUST
                            + ", \"MaxSessionDuration\": \"long\"}")),
            "InvalidRequest")
        .isEqualTo(
            "Properties validation failed for resource ServiceRole with message:"
                + " #/MaxSessionDuration: expected type: Integer, found: String");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "ServiceRole",
                        "{\"AssumeRolePolicyDocument\": "
                            + TRUST
                            + ", \"Policies\": [{\"PolicyName\": \"p\"}]}")),
            "InvalidRequest")
        .endsWith("#/Policies/0: required key [PolicyDocument] not found");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "ServiceRole",
                        "{\"AssumeRolePolicyDocument\": "
                            + TRUST
                            + ", \"Tags\": [{\"Key\": \"a\", \"Value\": \"b\", \"Propagate\": true}]}")),
            "InvalidRequest")
        .endsWith("#/Tags/0: extraneous key [Propagate] is not permitted");
    assertAwsError(
        () ->
            handler.create(
                request(dev, "ServiceRole", "{\"AssumeRolePolicyDocument\": {\"Statement\": 3}}")),
        "MalformedPolicyDocument");
    assertThat(iam.roles().listRoles(dev, null)).isEmpty();
  }
}
