package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.aws.Principal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamGroupsTest extends IamComponentTest {
  static final String LIST_BUCKETS =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets",\
      "Resource":"*"}]}\
      """;

  User alice;

  @BeforeEach
  void createAlice() {
    alice = iam.users().createUser(prod, null, "alice");
  }

  private boolean aliceMayListBuckets() {
    Caller caller = services.as(new Principal.IamUser(PROD, "/", "alice", alice.userId()));
    return services
        .authorizer
        .authorize(caller, AccessRequest.of("s3:ListAllMyBuckets", "*", PROD))
        .allowed();
  }

  @Test
  void groupInlinePolicy_allowsItsUsers_untilTheyAreRemoved() {
    iam.groups().createGroup(prod, null, "readers");
    iam.entityPolicies().putInlinePolicy(prod, EntityKind.GROUP, "readers", "list", LIST_BUCKETS);
    assertThat(aliceMayListBuckets()).isFalse();

    iam.groups().addUserToGroup(prod, "readers", "alice");
    assertThat(aliceMayListBuckets()).isTrue();
    assertThat(services.decisions.last(1).getFirst().explanation())
        .contains("inline policy list of group readers");

    iam.groups().removeUserFromGroup(prod, "readers", "alice");
    assertThat(aliceMayListBuckets()).isFalse();
  }

  @Test
  void groupManagedPolicy_allowsItsUsers_andIsNamedWithTheGroup() {
    iam.groups().createGroup(prod, "/team/", "readers");
    ManagedPolicy policy =
        iam.managedPolicies().createPolicy(prod, "list-buckets", null, LIST_BUCKETS, null);
    iam.entityPolicies().attachPolicy(prod, EntityKind.GROUP, "readers", policy.arn());
    iam.groups().addUserToGroup(prod, "readers", "alice");

    assertThat(aliceMayListBuckets()).isTrue();
    assertThat(services.decisions.last(1).getFirst().explanation())
        .contains(policy.arn() + " via group readers");
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.GROUP, "readers"))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(policy.arn());
    assertThat(iam.managedPolicies().getPolicy(prod, policy.arn()).attachmentCount()).isEqualTo(1);
  }

  @Test
  void getGroup_listsItsUsers_andListGroupsForUser_itsGroups() {
    Group group = iam.groups().createGroup(prod, "/team/", "readers");
    iam.groups().createGroup(prod, null, "writers");
    iam.groups().addUserToGroup(prod, "readers", "alice");
    iam.groups().addUserToGroup(prod, "readers", "alice");

    assertThat(group.groupId()).startsWith("AGPA");
    assertThat(group.arn()).isEqualTo("arn:aws:iam::222222222222:group/team/readers");
    assertThat(iam.groups().getGroup(prod, "readers").users())
        .extracting(User::name)
        .containsExactly("alice");
    assertThat(iam.groups().listGroupsForUser(prod, "alice"))
        .extracting(Group::name)
        .containsExactly("readers");
    assertThat(iam.groups().listGroups(prod, "/team/"))
        .extracting(Group::name)
        .containsExactly("readers");
  }

  @Test
  void createGroup_twice_isEntityAlreadyExists() {
    iam.groups().createGroup(prod, null, "readers");
    assertAwsError(() -> iam.groups().createGroup(prod, null, "READERS"), "EntityAlreadyExists")
        .isEqualTo("Group with name READERS already exists.");
  }

  @Test
  void deleteGroup_withUsersOrPolicies_isDeleteConflict_thenSucceeds() {
    iam.groups().createGroup(prod, null, "readers");
    iam.groups().addUserToGroup(prod, "readers", "alice");
    iam.entityPolicies().putInlinePolicy(prod, EntityKind.GROUP, "readers", "list", LIST_BUCKETS);

    assertAwsError(() -> iam.groups().deleteGroup(prod, "readers"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must remove users from group first.");
    iam.groups().removeUserFromGroup(prod, "readers", "alice");
    assertAwsError(() -> iam.groups().deleteGroup(prod, "readers"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must delete policies first.");
    iam.entityPolicies().deleteInlinePolicy(prod, EntityKind.GROUP, "readers", "list");

    iam.groups().deleteGroup(prod, "readers");
    assertAwsError(() -> iam.groups().getGroup(prod, "readers"), "NoSuchEntity")
        .isEqualTo("The group with name readers cannot be found.");
  }

  @Test
  void deleteUser_inAGroup_isDeleteConflict() {
    iam.groups().createGroup(prod, null, "readers");
    iam.groups().addUserToGroup(prod, "readers", "alice");

    assertAwsError(() -> iam.users().deleteUser(prod, "alice"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must remove users from group first.");
    iam.groups().removeUserFromGroup(prod, "readers", "alice");
    iam.users().deleteUser(prod, "alice");
  }

  @Test
  void updateGroup_renames_keepingMembersAndPolicies() {
    iam.groups().createGroup(prod, null, "readers");
    iam.groups().addUserToGroup(prod, "readers", "alice");
    iam.entityPolicies().putInlinePolicy(prod, EntityKind.GROUP, "readers", "list", LIST_BUCKETS);

    iam.groups().updateGroup(prod, "readers", "viewers", "/team/");

    Group renamed = iam.groups().getGroup(prod, "viewers").group();
    assertThat(renamed.arn()).isEqualTo("arn:aws:iam::222222222222:group/team/viewers");
    assertThat(iam.groups().getGroup(prod, "viewers").users()).hasSize(1);
    assertThat(iam.entityPolicies().listInlinePolicies(prod, EntityKind.GROUP, "viewers"))
        .containsExactly("list");
    assertThat(aliceMayListBuckets()).isTrue();
    assertAwsError(() -> iam.groups().getGroup(prod, "readers"), "NoSuchEntity");
  }

  @Test
  void addUserToGroup_pastTenGroups_isLimitExceeded() {
    for (int i = 0; i < 11; i++) {
      iam.groups().createGroup(prod, null, "g" + i);
    }
    for (int i = 0; i < 10; i++) {
      iam.groups().addUserToGroup(prod, "g" + i, "alice");
    }
    assertAwsError(() -> iam.groups().addUserToGroup(prod, "g10", "alice"), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for GroupsPerUser: 10");
    assertThat(iam.groups().getGroup(prod, "g10").users()).isEmpty();
  }

  @Test
  void accountAuthorizationDetails_listGroupsAndTheUsersGroups() {
    iam.groups().createGroup(prod, null, "readers");
    iam.groups().addUserToGroup(prod, "readers", "alice");
    iam.entityPolicies().putInlinePolicy(prod, EntityKind.GROUP, "readers", "list", LIST_BUCKETS);

    var details = iam.accountDetails().getAccountAuthorizationDetails(prod, List.of());

    assertThat(details.groups()).hasSize(1);
    assertThat(details.groups().getFirst().inlinePolicies())
        .extracting(InlinePolicy::name)
        .containsExactly("list");
    assertThat(details.users().getFirst().groups()).containsExactly("readers");
    assertThat(iam.accountDetails().getAccountAuthorizationDetails(prod, List.of("Role")).groups())
        .isEmpty();
  }
}
