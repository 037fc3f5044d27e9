package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamTagsTest extends IamComponentTest {
  static final String DOCUMENT =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets",\
      "Resource":"*"}]}\
      """;

  private static Map<String, String> tags(int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tags.put("k" + i, "v" + i);
    }
    return tags;
  }

  @Test
  void userTags_roundTrip_withKeysComparedWithoutCase() {
    iam.users().createUser(prod, null, "alice", null, Map.of("Team", "web"));
    iam.users().tagUser(prod, "alice", Map.of("team", "ops", "env", "prod"));

    assertThat(iam.users().getUser(prod, "alice").tags())
        .containsExactlyInAnyOrderEntriesOf(Map.of("team", "ops", "env", "prod"));
    iam.users().untagUser(prod, "alice", List.of("ENV"));
    assertThat(iam.users().listUserTags(prod, "alice"))
        .containsExactlyEntriesOf(Map.of("team", "ops"));
    assertThat(iam.users().listUsers(prod, null).getFirst().tags()).containsEntry("team", "ops");
  }

  @Test
  void policyTags_roundTrip_andGoWithThePolicy() {
    ManagedPolicy policy =
        iam.managedPolicies().createPolicy(prod, "p", null, DOCUMENT, null, Map.of("a", "1"));
    iam.managedPolicies().tagPolicy(prod, policy.arn(), Map.of("b", "2"));

    assertThat(iam.managedPolicies().getPolicy(prod, policy.arn()).tags())
        .containsExactlyEntriesOf(
            new LinkedHashMap<>(Map.of("a", "1")) {
              {
                put("b", "2");
              }
            });
    iam.managedPolicies().untagPolicy(prod, policy.arn(), List.of("a"));
    assertThat(iam.managedPolicies().listPolicyTags(prod, policy.arn())).containsOnlyKeys("b");

    iam.managedPolicies().deletePolicy(prod, policy.arn());
    ManagedPolicy again = iam.managedPolicies().createPolicy(prod, "p", null, DOCUMENT, null);
    assertThat(again.tags()).isEmpty();
    assertThat(iam.managedPolicies().getPolicy(prod, again.arn()).tags()).isEmpty();
  }

  @Test
  void moreThanFiftyTags_isLimitExceeded_andNothingIsStored() {
    assertAwsError(
            () -> iam.users().createUser(prod, null, "alice", null, tags(51)), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for TagsPerUser: 50");
    assertAwsError(() -> iam.users().getUser(prod, "alice"), "NoSuchEntity");

    iam.users().createUser(prod, null, "alice", null, tags(50));
    assertAwsError(
            () -> iam.users().tagUser(prod, "alice", Map.of("one-more", "x")), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for TagsPerUser: 50");
    assertThat(iam.users().listUserTags(prod, "alice")).hasSize(50);
    // Replacing a key's value does not add a tag.
    iam.users().tagUser(prod, "alice", Map.of("K0", "new"));
    assertThat(iam.users().listUserTags(prod, "alice")).hasSize(50).containsEntry("K0", "new");
  }

  @Test
  void duplicateKeys_inOneRequest_areInvalidInput() {
    assertAwsError(
            () -> IamTags.fromRequest(List.of(Map.entry("Team", "a"), Map.entry("team", "b"))),
            "InvalidInput")
        .isEqualTo("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  }

  @Test
  void tooLongKeysAndValues_areValidationErrors() {
    assertAwsError(
            () ->
                iam.managedPolicies()
                    .createPolicy(prod, "p", null, DOCUMENT, null, Map.of("k".repeat(129), "v")),
            "ValidationError")
        .contains("'tags.1.member.key' failed to satisfy constraint")
        .contains("less than or equal to 128");
    assertAwsError(
            () ->
                iam.managedPolicies()
                    .createPolicy(prod, "p", null, DOCUMENT, null, Map.of("k", "v".repeat(257))),
            "ValidationError")
        .contains("less than or equal to 256");
    assertAwsError(
            () ->
                iam.managedPolicies()
                    .createPolicy(prod, "p", null, DOCUMENT, null, Map.of("a*", "v")),
            "ValidationError")
        .contains("regular expression pattern");
    assertThat(iam.managedPolicies().listPolicies(prod, null, false)).isEmpty();
  }

  @Test
  void roleTags_mergeWithoutCase_andCreateRoleValidatesThem() {
    String trust =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
        "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
        """;
    iam.roles()
        .createRole(
            prod, new IamRoles.CreateRoleRequest("r", null, trust, null, null, Map.of("Env", "a")));
    iam.roles().tagRole(prod, "r", Map.of("env", "b"));
    assertThat(iam.roles().listRoleTags(prod, "r")).containsExactlyEntriesOf(Map.of("env", "b"));
    assertAwsError(
        () ->
            iam.roles()
                .createRole(
                    prod,
                    new IamRoles.CreateRoleRequest(
                        "r2", null, trust, null, null, Map.of("k", "v".repeat(257)))),
        "ValidationError");
    assertAwsError(() -> iam.roles().getRole(prod, "r2"), "NoSuchEntity");
  }
}
