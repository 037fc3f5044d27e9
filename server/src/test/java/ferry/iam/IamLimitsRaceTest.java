package ferry.iam;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.Race;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limits checked by counting rows, and tags merged into the stored set, hold when requests race: on
 * PostgreSQL ({@code -Dferry.test.db=postgres}) each request is its own transaction on its own
 * connection, as on several nodes, and the read and the write must be one writer's at a time. On
 * SQLite the single writer already serialises them; the test then checks the same promise.
 */
class IamLimitsRaceTest extends IamComponentTest {
  static final int RACERS = 8;
  static final String DOCUMENT =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}\
      """;
  static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;

  @Test
  void accessKeysCreatedAtOnce_atMostTwoPerUser_theRestLimitExceeded() throws Exception {
    iam.users().createUser(prod, "/", "racer");

    List<String> outcomes =
        Race.run(RACERS, racer -> iam.users().createAccessKey(prod, "racer").accessKeyId());

    assertThat(outcomes).filteredOn(o -> o.startsWith("AKIA")).hasSize(2);
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("AKIA"))
        .hasSize(RACERS - 2)
        .allMatch(o -> o.equals("LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2"));
    assertThat(iam.users().listAccessKeys(prod, "racer")).hasSize(2);
  }

  @Test
  void policyVersionsCreatedAtOnce_atMostFive_theRestLimitExceeded() throws Exception {
    String arn = iam.managedPolicies().createPolicy(prod, "raced", null, DOCUMENT, null).arn();

    List<String> outcomes =
        Race.run(
            RACERS,
            racer ->
                iam.managedPolicies().createPolicyVersion(prod, arn, DOCUMENT, false).versionId());

    assertThat(outcomes).filteredOn(o -> o.startsWith("v")).hasSize(4).doesNotHaveDuplicates();
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("v"))
        .hasSize(RACERS - 4)
        .allMatch(o -> o.startsWith("LimitExceeded: A managed policy can have up to 5 versions."));
    assertThat(iam.managedPolicies().listPolicyVersions(prod, arn)).hasSize(5);
  }

  /** An IAM entity that has tags: how a test makes one, tags it and reads its tags. */
  record Tagged(
      String noun,
      Consumer<IamComponentTest> create,
      BiConsumer<IamComponentTest, Map<String, String>> tag,
      Function<IamComponentTest, Map<String, String>> tags) {
    @Override
    public String toString() {
      return noun;
    }
  }

  static Stream<Tagged> taggedEntities() {
    String policy = "arn:aws:iam::222222222222:policy/racer";
    return Stream.of(
        new Tagged(
            "Role",
            t ->
                t.iam
                    .roles()
                    .createRole(
                        t.prod,
                        new IamRoles.CreateRoleRequest("racer", null, TRUST, null, null, Map.of())),
            (t, tags) -> t.iam.roles().tagRole(t.prod, "racer", tags),
            t -> t.iam.roles().listRoleTags(t.prod, "racer")),
        new Tagged(
            "User",
            t -> t.iam.users().createUser(t.prod, null, "racer"),
            (t, tags) -> t.iam.users().tagUser(t.prod, "racer", tags),
            t -> t.iam.users().listUserTags(t.prod, "racer")),
        new Tagged(
            "Policy",
            t -> t.iam.managedPolicies().createPolicy(t.prod, "racer", null, DOCUMENT, null),
            (t, tags) -> t.iam.managedPolicies().tagPolicy(t.prod, policy, tags),
            t -> t.iam.managedPolicies().listPolicyTags(t.prod, policy)),
        new Tagged(
            "InstanceProfile",
            t -> t.iam.instanceProfiles().createInstanceProfile(t.prod, null, "racer"),
            (t, tags) -> t.iam.instanceProfiles().tagInstanceProfile(t.prod, "racer", tags),
            t -> t.iam.instanceProfiles().listInstanceProfileTags(t.prod, "racer")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("taggedEntities")
  void tagsAddedAtOnce_noneLost_andTheEntityStopsAtFifty(Tagged entity) throws Exception {
    entity.create().accept(this);
    entity.tag().accept(this, numbered("kept", 45));

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> {
              entity.tag().accept(this, Map.of("racer" + racer, "v"));
              return "tagged racer" + racer;
            });

    List<String> tagged = outcomes.stream().filter(o -> o.startsWith("tagged")).toList();
    assertThat(tagged).hasSize(5);
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("tagged"))
        .hasSize(RACERS - 5)
        .allMatch(o ->
            o.equals("LimitExceeded: Cannot exceed quota for TagsPer" + entity.noun() + ": 50"));
    Map<String, String> stored = entity.tags().apply(this);
    assertThat(stored).hasSize(50).containsAllEntriesOf(numbered("kept", 45));
    assertThat(stored.keySet())
        .containsAll(tagged.stream().map(o -> o.substring("tagged ".length())).toList());
  }

  @Test
  void untagsAndTagsAtOnce_eachChangeKept() throws Exception {
    iam.roles()
        .createRole(
            prod,
            new IamRoles.CreateRoleRequest("racer", null, TRUST, null, null, numbered("old", 8)));

    Race.run(
        2 * RACERS,
        racer -> {
          if (racer < RACERS) {
            iam.roles().untagRole(prod, "racer", List.of("old" + racer));
          } else {
            iam.roles().tagRole(prod, "racer", Map.of("new" + racer, "v"));
          }
          return "done";
        });

    assertThat(iam.roles().listRoleTags(prod, "racer"))
        .containsOnlyKeys(
            IntStream.range(RACERS, 2 * RACERS).mapToObj(i -> "new" + i).toArray(String[]::new));
  }

  @Test
  void inlinePoliciesPutAtOnce_theUsersTotalStaysWithinItsQuota() throws Exception {
    iam.users().createUser(prod, null, "racer");
    // 606 characters that count: three fit in a user's 2,048, a fourth does not.
    String document =
        DOCUMENT.replace("{\"Effect\"", "{\"Sid\":\"" + "S".repeat(499) + "\",\"Effect\"");

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> {
              iam.entityPolicies()
                  .putInlinePolicy(prod, EntityKind.USER, "racer", "inline" + racer, document);
              return "put";
            });

    assertThat(outcomes).filteredOn("put"::equals).hasSize(3);
    assertThat(outcomes)
        .filteredOn(o -> !o.equals("put"))
        .hasSize(RACERS - 3)
        .allMatch(o ->
            o.equals("LimitExceeded: Maximum policy size of 2048 bytes exceeded for user racer"));
    assertThat(iam.entityPolicies().listInlinePolicies(prod, EntityKind.USER, "racer")).hasSize(3);
  }

  @Test
  void rolesAddedToOneInstanceProfileAtOnce_itHoldsOne() throws Exception {
    iam.instanceProfiles().createInstanceProfile(prod, null, "racer");
    for (int i = 0; i < RACERS; i++) {
      iam.roles()
          .createRole(
              prod, new IamRoles.CreateRoleRequest("role" + i, null, TRUST, null, null, Map.of()));
    }

    List<String> outcomes =
        Race.run(
            RACERS,
            racer -> {
              iam.instanceProfiles().addRoleToInstanceProfile(prod, "racer", "role" + racer);
              return "added";
            });

    assertThat(outcomes).filteredOn("added"::equals).hasSize(1);
    assertThat(outcomes)
        .filteredOn(o -> !o.equals("added"))
        .hasSize(RACERS - 1)
        .allMatch(o ->
            o.equals(
                "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1"));
    assertThat(iam.instanceProfiles().getInstanceProfile(prod, "racer").roles()).hasSize(1);
  }

  private static Map<String, String> numbered(String prefix, int count) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      tags.put(prefix + i, "v" + i);
    }
    return tags;
  }
}
