package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IAM beyond the guide with the real aws CLI v2: a user allowed only through a group's policy, an
 * ExternalId a trust policy requires, tags on roles, users, policies and instance profiles, tag
 * input IAM refuses with nothing stored, and the entities a managed policy is used by.
 */
class IamBreadthIT extends FerryPerClass {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LIST_ROLES =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles",\
      "Resource":"*"}]}\
      """;
  static AwsCli carol;

  @BeforeAll
  static void carol() throws Exception {
    dev.run("iam", "create-user", "--user-name", "carol").assertOk();
    JsonNode key = json(dev.run("iam", "create-access-key", "--user-name", "carol"));
    carol =
        new AwsCli(
            ferry.endpoint(),
            key.at("/AccessKey/AccessKeyId").asText(),
            key.at("/AccessKey/SecretAccessKey").asText());
  }

  static JsonNode json(AwsCli.Result result) throws Exception {
    return JSON.readTree(result.assertOk().stdout());
  }

  static void assertError(AwsCli.Result result, String code) {
    assertThat(result.exitCode()).as(result.stdout()).isNotZero();
    assertThat(result.stderr()).contains("(" + code + ")");
  }

  @Test
  void aUserAllowedOnlyThroughAGroup_actsWhileInIt() throws Exception {
    dev.run("iam", "create-group", "--group-name", "auditors").assertOk();
    dev.run(
            "iam",
            "put-group-policy",
            "--group-name",
            "auditors",
            "--policy-name",
            "list-roles",
            "--policy-document",
            LIST_ROLES)
        .assertOk();
    assertError(carol.run("iam", "list-roles"), "AccessDenied");

    dev.run("iam", "add-user-to-group", "--group-name", "auditors", "--user-name", "carol")
        .assertOk();
    carol.run("iam", "list-roles").assertOk();
    JsonNode group = json(dev.run("iam", "get-group", "--group-name", "auditors"));
    assertThat(group.at("/Users/0/UserName").asText()).isEqualTo("carol");
    JsonNode groups = json(dev.run("iam", "list-groups-for-user", "--user-name", "carol"));
    assertThat(groups.at("/Groups/0/GroupName").asText()).isEqualTo("auditors");
    assertError(dev.run("iam", "delete-user", "--user-name", "carol"), "DeleteConflict");

    dev.run("iam", "remove-user-from-group", "--group-name", "auditors", "--user-name", "carol")
        .assertOk();
    AwsCli.Result denied = carol.run("iam", "list-roles");
    assertError(denied, "AccessDenied");
    assertThat(denied.stderr()).contains("iam:ListRoles");
  }

  @Test
  void aTrustPolicysExternalId_isRequired() throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--role-name",
            "vendor",
            "--assume-role-policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::111111111111:user/carol"},"Action":"sts:AssumeRole",\
            "Condition":{"StringEquals":{"sts:ExternalId":"guide-42"}}}]}\
            """)
        .assertOk();
    String role = "arn:aws:iam::111111111111:role/vendor";

    assertError(
        carol.run("sts", "assume-role", "--role-arn", role, "--role-session-name", "vendor"),
        "AccessDenied");
    assertError(
        carol.run(
            "sts",
            "assume-role",
            "--role-arn",
            role,
            "--role-session-name",
            "vendor",
            "--external-id",
            "guide-41"),
        "AccessDenied");
    JsonNode session =
        json(
            carol.run(
                "sts",
                "assume-role",
                "--role-arn",
                role,
                "--role-session-name",
                "vendor",
                "--external-id",
                "guide-42"));
    assertThat(session.at("/AssumedRoleUser/Arn").asText())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/vendor/vendor");
  }

  @Test
  void tagsOnRolesUsersAndPolicies_roundTrip() throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--role-name",
            "tagged",
            "--assume-role-policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
            """,
            "--tags",
            "Key=team,Value=web")
        .assertOk();
    dev.run("iam", "tag-role", "--role-name", "tagged", "--tags", "Key=Team,Value=ops").assertOk();
    JsonNode roleTags = json(dev.run("iam", "list-role-tags", "--role-name", "tagged"));
    assertThat(roleTags.at("/Tags").size()).isEqualTo(1);
    assertThat(roleTags.at("/Tags/0/Key").asText()).isEqualTo("Team");
    assertThat(roleTags.at("/Tags/0/Value").asText()).isEqualTo("ops");
    dev.run("iam", "untag-role", "--role-name", "tagged", "--tag-keys", "team").assertOk();
    assertThat(json(dev.run("iam", "list-role-tags", "--role-name", "tagged")).at("/Tags").size())
        .isZero();

    dev.run("iam", "create-user", "--user-name", "tagged", "--tags", "Key=team,Value=web")
        .assertOk();
    dev.run("iam", "tag-user", "--user-name", "tagged", "--tags", "Key=env,Value=prod").assertOk();
    JsonNode user = json(dev.run("iam", "get-user", "--user-name", "tagged"));
    assertThat(user.at("/User/Tags").size()).isEqualTo(2);
    dev.run("iam", "untag-user", "--user-name", "tagged", "--tag-keys", "team").assertOk();
    JsonNode userTags = json(dev.run("iam", "list-user-tags", "--user-name", "tagged"));
    assertThat(userTags.at("/Tags/0/Key").asText()).isEqualTo("env");
    assertThat(userTags.at("/Tags").size()).isEqualTo(1);

    String arn =
        json(dev.run(
                "iam",
                "create-policy",
                "--policy-name",
                "tagged",
                "--policy-document",
                LIST_ROLES,
                "--tags",
                "Key=team,Value=web"))
            .at("/Policy/Arn")
            .asText();
    dev.run("iam", "tag-policy", "--policy-arn", arn, "--tags", "Key=env,Value=prod").assertOk();
    JsonNode policy = json(dev.run("iam", "get-policy", "--policy-arn", arn));
    assertThat(policy.at("/Policy/Tags").size()).isEqualTo(2);
    dev.run("iam", "untag-policy", "--policy-arn", arn, "--tag-keys", "env").assertOk();
    JsonNode policyTags = json(dev.run("iam", "list-policy-tags", "--policy-arn", arn));
    assertThat(policyTags.at("/Tags").size()).isEqualTo(1);
    assertThat(policyTags.at("/Tags/0/Key").asText()).isEqualTo("team");
  }

  @Test
  void tooManyTagsAndDuplicateKeys_areRefused_andNothingIsStored() throws Exception {
    List<String> tooMany =
        new ArrayList<>(List.of("iam", "create-user", "--user-name", "crowded", "--tags"));
    for (int i = 0; i < 51; i++) {
      tooMany.add("Key=k" + i + ",Value=v");
    }
    AwsCli.Result limit = dev.run(tooMany.toArray(String[]::new));
    assertError(limit, "LimitExceeded");
    assertThat(limit.stderr()).contains("Cannot exceed quota for TagsPerUser: 50");
    assertError(dev.run("iam", "get-user", "--user-name", "crowded"), "NoSuchEntity");

    AwsCli.Result duplicate =
        dev.run(
            "iam",
            "create-role",
            "--role-name",
            "twice",
            "--assume-role-policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
            """,
            "--tags",
            "Key=team,Value=a",
            "Key=Team,Value=b");
    assertError(duplicate, "InvalidInput");
    assertThat(duplicate.stderr())
        .contains("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertError(dev.run("iam", "get-role", "--role-name", "twice"), "NoSuchEntity");

    dev.run("iam", "create-user", "--user-name", "crowded", "--tags", "Key=k,Value=v").assertOk();
    assertThat(json(dev.run("iam", "list-user-tags", "--user-name", "crowded")).at("/Tags").size())
        .isEqualTo(1);
  }

  @Test
  void anInstanceProfile_holdsOneRole_whichCannotBeDeletedWhileInIt() throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--role-name",
            "ec2-web",
            "--assume-role-policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
            """)
        .assertOk();
    dev.run("iam", "create-instance-profile", "--instance-profile-name", "web").assertOk();
    dev.run(
            "iam",
            "add-role-to-instance-profile",
            "--instance-profile-name",
            "web",
            "--role-name",
            "ec2-web")
        .assertOk();
    JsonNode profile =
        json(dev.run("iam", "get-instance-profile", "--instance-profile-name", "web"));
    assertThat(profile.at("/InstanceProfile/Roles/0/RoleName").asText()).isEqualTo("ec2-web");
    assertError(dev.run("iam", "delete-role", "--role-name", "ec2-web"), "DeleteConflict");
  }

  @Test
  void instanceProfileTags_roundTrip_andTheRolesDetailsListItsProfile() throws Exception {
    dev.run(
            "iam",
            "create-role",
            "--role-name",
            "ec2-batch",
            "--assume-role-policy-document",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
            """)
        .assertOk();
    JsonNode created =
        json(
            dev.run(
                "iam",
                "create-instance-profile",
                "--instance-profile-name",
                "batch",
                "--tags",
                "Key=team,Value=batch"));
    assertThat(created.at("/InstanceProfile/Tags/0/Key").asText()).isEqualTo("team");
    dev.run(
            "iam",
            "tag-instance-profile",
            "--instance-profile-name",
            "batch",
            "--tags",
            "Key=Team,Value=ops",
            "Key=env,Value=prod")
        .assertOk();
    JsonNode tags =
        json(dev.run("iam", "list-instance-profile-tags", "--instance-profile-name", "batch"));
    assertThat(tags.at("/Tags").size()).isEqualTo(2);
    assertThat(tags.at("/Tags/0/Key").asText()).isEqualTo("Team");
    dev.run(
            "iam",
            "untag-instance-profile",
            "--instance-profile-name",
            "batch",
            "--tag-keys",
            "env")
        .assertOk();
    JsonNode profile =
        json(dev.run("iam", "get-instance-profile", "--instance-profile-name", "batch"));
    assertThat(profile.at("/InstanceProfile/Tags").size()).isEqualTo(1);
    assertThat(profile.at("/InstanceProfile/Tags/0/Value").asText()).isEqualTo("ops");

    AwsCli.Result duplicate =
        dev.run(
            "iam",
            "tag-instance-profile",
            "--instance-profile-name",
            "batch",
            "--tags",
            "Key=a,Value=1",
            "Key=A,Value=2");
    assertError(duplicate, "InvalidInput");
    assertThat(
            json(dev.run("iam", "list-instance-profile-tags", "--instance-profile-name", "batch"))
                .at("/Tags")
                .size())
        .isEqualTo(1);

    dev.run(
            "iam",
            "add-role-to-instance-profile",
            "--instance-profile-name",
            "batch",
            "--role-name",
            "ec2-batch")
        .assertOk();
    JsonNode details =
        json(dev.run("iam", "get-account-authorization-details", "--filter", "Role"));
    JsonNode role = null;
    for (JsonNode detail : details.at("/RoleDetailList")) {
      if (detail.at("/RoleName").asText().equals("ec2-batch")) {
        role = detail;
      }
    }
    assertThat(role).isNotNull();
    assertThat(role.at("/InstanceProfileList/0/InstanceProfileName").asText()).isEqualTo("batch");
    assertThat(role.at("/InstanceProfileList/0/Roles/0/RoleName").asText()).isEqualTo("ec2-batch");
  }

  @Test
  void listEntitiesForPolicy_namesItsGroupsUsersAndRoles_acrossPages() throws Exception {
    String arn =
        json(dev.run(
                "iam", "create-policy", "--policy-name", "shared", "--policy-document", LIST_ROLES))
            .at("/Policy/Arn")
            .asText();
    dev.run("iam", "create-group", "--group-name", "shared-readers").assertOk();
    dev.run("iam", "attach-group-policy", "--group-name", "shared-readers", "--policy-arn", arn)
        .assertOk();
    dev.run("iam", "create-user", "--user-name", "shared-user").assertOk();
    dev.run("iam", "attach-user-policy", "--user-name", "shared-user", "--policy-arn", arn)
        .assertOk();
    dev.run("iam", "create-user", "--user-name", "bounded-user", "--permissions-boundary", arn)
        .assertOk();

    // --page-size makes the CLI follow IAM's markers one entity at a time.
    JsonNode all =
        json(dev.run("iam", "list-entities-for-policy", "--policy-arn", arn, "--page-size", "1"));
    assertThat(all.at("/PolicyGroups/0/GroupName").asText()).isEqualTo("shared-readers");
    assertThat(all.at("/PolicyUsers").size()).isEqualTo(2);
    assertThat(all.at("/PolicyRoles").size()).isZero();
    JsonNode bounds =
        json(
            dev.run(
                "iam",
                "list-entities-for-policy",
                "--policy-arn",
                arn,
                "--entity-filter",
                "User",
                "--policy-usage-filter",
                "PermissionsBoundary"));
    assertThat(bounds.at("/PolicyUsers/0/UserName").asText()).isEqualTo("bounded-user");
    assertThat(bounds.at("/PolicyUsers").size()).isEqualTo(1);
    JsonNode policy = json(dev.run("iam", "get-policy", "--policy-arn", arn));
    assertThat(policy.at("/Policy/AttachmentCount").asInt()).isEqualTo(2);
    assertThat(policy.at("/Policy/PermissionsBoundaryUsageCount").asInt()).isEqualTo(1);
    assertError(
        dev.run(
            "iam",
            "list-entities-for-policy",
            "--policy-arn",
            "arn:aws:iam::111111111111:policy/missing"),
        "NoSuchEntity");
  }
}
