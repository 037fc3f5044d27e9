package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.IamPolicyEntities.Filter;
import ferry.iam.IamPolicyEntities.PolicyEntity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamPolicyEntitiesTest extends IamComponentTest {
  static final String LIST_BUCKETS =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets",\
      "Resource":"*"}]}\
      """;
  static final Filter ALL = new Filter(null, null, null);

  IamPolicyEntities entities;
  ManagedPolicy policy;

  @BeforeEach
  void attachPolicyEverywhere() {
    entities = iam.policyEntities();
    policy = iam.managedPolicies().createPolicy(prod, "list-buckets", null, LIST_BUCKETS, null);
    iam.groups().createGroup(prod, "/team/", "readers");
    iam.users().createUser(prod, "/team/", "bob");
    iam.users().createUser(prod, null, "alice", policy.arn());
    iam.roles()
        .createRole(
            prod,
            new IamRoles.CreateRoleRequest(
                "deployer", "/team/", IamInstanceProfilesTest.TRUST, null, null, Map.of()));
    for (var entity :
        List.of(
            Map.entry(EntityKind.GROUP, "readers"),
            Map.entry(EntityKind.USER, "bob"),
            Map.entry(EntityKind.ROLE, "deployer"))) {
      iam.entityPolicies().attachPolicy(prod, entity.getKey(), entity.getValue(), policy.arn());
    }
  }

  @Test
  void everyUse_isListed_groupsThenUsersThenRoles() {
    assertThat(entities.listEntitiesForPolicy(prod, policy.arn(), ALL))
        .extracting(PolicyEntity::kind, PolicyEntity::name)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(EntityKind.GROUP, "readers"),
            org.assertj.core.api.Assertions.tuple(EntityKind.USER, "alice"),
            org.assertj.core.api.Assertions.tuple(EntityKind.USER, "bob"),
            org.assertj.core.api.Assertions.tuple(EntityKind.ROLE, "deployer"));
    assertThat(entities.listEntitiesForPolicy(prod, policy.arn(), ALL).get(0).id())
        .startsWith("AGPA");
    ManagedPolicy counted = iam.managedPolicies().getPolicy(prod, policy.arn());
    assertThat(counted.attachmentCount()).isEqualTo(3);
    assertThat(counted.boundaryUsageCount()).isEqualTo(1);
  }

  @Test
  void filters_narrowByKind_path_andUsage() {
    assertThat(names(new Filter("User", null, null))).containsExactly("alice", "bob");
    assertThat(names(new Filter("LocalManagedPolicy", null, null))).isEmpty();
    assertThat(names(new Filter(null, "/team/", null)))
        .containsExactly("readers", "bob", "deployer");
    assertThat(names(new Filter(null, null, "PermissionsBoundary"))).containsExactly("alice");
    assertThat(names(new Filter(null, null, "PermissionsPolicy")))
        .containsExactly("readers", "bob", "deployer");

    iam.entityPolicies().detachPolicy(prod, EntityKind.ROLE, "deployer", policy.arn());
    assertThat(names(new Filter("Role", null, null))).isEmpty();
    assertThat(iam.managedPolicies().getPolicy(prod, policy.arn()).attachmentCount()).isEqualTo(2);
  }

  @Test
  void badFilters_andUnknownPolicies_areRefused() {
    assertAwsError(
            () ->
                entities.listEntitiesForPolicy(prod, policy.arn(), new Filter("Thing", null, null)),
            "ValidationError")
        .contains("entityFilter");
    assertAwsError(
            () ->
                entities.listEntitiesForPolicy(
                    prod, policy.arn(), new Filter(null, null, "Sometimes")),
            "ValidationError")
        .contains("policyUsageFilter");
    assertAwsError(
        () -> entities.listEntitiesForPolicy(prod, policy.arn(), new Filter(null, "team", null)),
        "ValidationError");
    String missing = "arn:aws:iam::222222222222:policy/missing";
    assertAwsError(() -> entities.listEntitiesForPolicy(prod, missing, ALL), "NoSuchEntity")
        .isEqualTo("Policy " + missing + " was not found.");
  }

  @Test
  void aCaller_withoutListEntitiesForPolicy_isDenied() {
    User carol = iam.users().createUser(prod, null, "carol");
    Caller asCarol = services.as(new Principal.IamUser(PROD, "/", "carol", carol.userId()));
    assertAwsError(() -> entities.listEntitiesForPolicy(asCarol, policy.arn(), ALL), "AccessDenied")
        .contains("iam:ListEntitiesForPolicy");
  }

  private List<String> names(Filter filter) {
    return entities.listEntitiesForPolicy(prod, policy.arn(), filter).stream()
        .map(PolicyEntity::name)
        .toList();
  }
}
