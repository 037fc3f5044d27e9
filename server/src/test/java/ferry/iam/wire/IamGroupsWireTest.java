package ferry.iam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
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
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.GetGroupResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** IAM groups over the query protocol, driven by the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamGroupsWireTest {
  static final String LIST_ROLES =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles",\
      "Resource":"*"}]}\
      """;

  RunningFerry ferry;
  IamClient prod;
  IamClient carol;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir);
    prod = ferry.iam("prod");
    prod.createUser(r -> r.userName("carol"));
    AccessKey key = prod.createAccessKey(r -> r.userName("carol")).accessKey();
    carol =
        ferry.iam(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())));
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  @Test
  void groupPolicies_authorizeItsUsers_untilTheyLeave() {
    Group group = prod.createGroup(r -> r.groupName("auditors").path("/audit/")).group();
    prod.putGroupPolicy(
        r -> r.groupName("auditors").policyName("list-roles").policyDocument(LIST_ROLES));
    assertThat(group.arn()).isEqualTo("arn:aws:iam::222222222222:group/audit/auditors");

    IamException before = catchThrowableOfType(IamException.class, () -> carol.listRoles());
    assertThat(before.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

    prod.addUserToGroup(r -> r.groupName("auditors").userName("carol"));
    assertThat(carol.listRoles().roles()).isNotNull();
    GetGroupResponse got = prod.getGroup(r -> r.groupName("auditors"));
    assertThat(got.group().groupId()).isEqualTo(group.groupId());
    assertThat(got.users()).extracting(u -> u.userName()).containsExactly("carol");
    assertThat(prod.listGroupsForUser(r -> r.userName("carol")).groups())
        .extracting(Group::groupName)
        .containsExactly("auditors");
    assertThat(
            prod.getGroupPolicy(r -> r.groupName("auditors").policyName("list-roles")).groupName())
        .isEqualTo("auditors");
    GetAccountAuthorizationDetailsResponse details = prod.getAccountAuthorizationDetails();
    assertThat(details.groupDetailList())
        .singleElement()
        .satisfies(d -> assertThat(d.groupPolicyList()).hasSize(1));
    assertThat(details.userDetailList())
        .filteredOn(u -> u.userName().equals("carol"))
        .singleElement()
        .satisfies(u -> assertThat(u.groupList()).containsExactly("auditors"));

    var conflict =
        catchThrowableOfType(
            DeleteConflictException.class, () -> prod.deleteGroup(r -> r.groupName("auditors")));
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot delete entity, must remove users from group first.");

    prod.removeUserFromGroup(r -> r.groupName("auditors").userName("carol"));
    IamException after = catchThrowableOfType(IamException.class, () -> carol.listRoles());
    assertThat(after.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

    prod.deleteGroupPolicy(r -> r.groupName("auditors").policyName("list-roles"));
    prod.deleteGroup(r -> r.groupName("auditors"));
    assertThat(prod.listGroups().groups()).isEmpty();
  }

  @Test
  void attachedGroupPolicies_roundTrip() {
    prod.createGroup(r -> r.groupName("ops"));
    String arn =
        prod.createPolicy(r -> r.policyName("ops-list").policyDocument(LIST_ROLES)).policy().arn();
    prod.attachGroupPolicy(r -> r.groupName("ops").policyArn(arn));
    assertThat(prod.listAttachedGroupPolicies(r -> r.groupName("ops")).attachedPolicies())
        .extracting(p -> p.policyArn())
        .containsExactly(arn);
    prod.detachGroupPolicy(r -> r.groupName("ops").policyArn(arn));
    prod.updateGroup(r -> r.groupName("ops").newGroupName("operators"));
    assertThat(prod.getGroup(r -> r.groupName("operators")).group().groupName())
        .isEqualTo("operators");
    var missing =
        catchThrowableOfType(
            NoSuchEntityException.class, () -> prod.getGroup(r -> r.groupName("ops")));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("The group with name ops cannot be found.");
    prod.deleteGroup(r -> r.groupName("operators"));
  }
}
