package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamInstanceProfilesTest extends IamComponentTest {
  static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;

  IamInstanceProfiles profiles;

  @BeforeEach
  void createRoles() {
    profiles = iam.instanceProfiles();
    for (String name : new String[] {"web", "batch"}) {
      iam.roles()
          .createRole(
              prod, new IamRoles.CreateRoleRequest(name, null, TRUST, null, null, Map.of()));
    }
  }

  @Test
  void aProfile_holdsOneRole_andIsListedForIt() {
    InstanceProfile created = profiles.createInstanceProfile(prod, "/app/", "web-profile");
    profiles.addRoleToInstanceProfile(prod, "web-profile", "web");

    assertThat(created.instanceProfileId()).startsWith("AIPA");
    assertThat(created.arn())
        .isEqualTo("arn:aws:iam::222222222222:instance-profile/app/web-profile");
    assertThat(profiles.getInstanceProfile(prod, "web-profile").roles())
        .extracting(Role::name)
        .containsExactly("web");
    assertThat(profiles.listInstanceProfilesForRole(prod, "web"))
        .extracting(InstanceProfile::name)
        .containsExactly("web-profile");
    assertThat(profiles.listInstanceProfiles(prod, "/app/")).hasSize(1);

    assertAwsError(
            () -> profiles.addRoleToInstanceProfile(prod, "web-profile", "batch"), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    assertThat(profiles.listInstanceProfilesForRole(prod, "batch")).isEmpty();
  }

  @Test
  void deleteRole_inAProfile_andDeleteProfile_withARole_areDeleteConflicts() {
    profiles.createInstanceProfile(prod, null, "web-profile");
    profiles.addRoleToInstanceProfile(prod, "web-profile", "web");

    assertAwsError(() -> iam.roles().deleteRole(prod, "web"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must remove roles from instance profile first.");
    assertAwsError(() -> profiles.deleteInstanceProfile(prod, "web-profile"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must remove roles from instance profile first.");

    profiles.removeRoleFromInstanceProfile(prod, "web-profile", "web");
    assertAwsError(
        () -> profiles.removeRoleFromInstanceProfile(prod, "web-profile", "web"), "NoSuchEntity");
    profiles.deleteInstanceProfile(prod, "web-profile");
    iam.roles().deleteRole(prod, "web");
    assertAwsError(() -> profiles.getInstanceProfile(prod, "web-profile"), "NoSuchEntity")
        .isEqualTo("Instance Profile web-profile cannot be found.");
  }

  @Test
  void createInstanceProfile_twice_isEntityAlreadyExists() {
    profiles.createInstanceProfile(prod, null, "web-profile");
    assertAwsError(
            () -> profiles.createInstanceProfile(prod, null, "WEB-profile"), "EntityAlreadyExists")
        .isEqualTo("Instance Profile WEB-profile already exists.");
  }

  @Test
  void profileTags_roundTrip_mergeWithoutCase_andGoWithTheProfile() {
    InstanceProfile created =
        profiles.createInstanceProfile(prod, null, "web-profile", Map.of("team", "web"));
    assertThat(created.tags()).containsExactly(Map.entry("team", "web"));

    profiles.tagInstanceProfile(prod, "web-profile", Map.of("Team", "ops", "env", "prod"));
    assertThat(profiles.listInstanceProfileTags(prod, "WEB-PROFILE"))
        .containsOnly(Map.entry("Team", "ops"), Map.entry("env", "prod"));
    assertThat(profiles.getInstanceProfile(prod, "web-profile").tags()).hasSize(2);

    profiles.untagInstanceProfile(prod, "web-profile", java.util.List.of("TEAM", "absent"));
    assertThat(profiles.listInstanceProfileTags(prod, "web-profile"))
        .containsExactly(Map.entry("env", "prod"));

    profiles.deleteInstanceProfile(prod, "web-profile");
    profiles.createInstanceProfile(prod, null, "web-profile");
    assertThat(profiles.listInstanceProfileTags(prod, "web-profile")).isEmpty();
    assertAwsError(() -> profiles.listInstanceProfileTags(prod, "nope"), "NoSuchEntity")
        .isEqualTo("Instance Profile nope cannot be found.");
  }

  @Test
  void badProfileTags_areRefused_andNothingIsStored() {
    Map<String, String> tooMany = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 51; i++) {
      tooMany.put("k" + i, "v");
    }
    assertAwsError(
            () -> profiles.createInstanceProfile(prod, null, "web-profile", tooMany),
            "LimitExceeded")
        .isEqualTo("Cannot exceed quota for TagsPerInstanceProfile: 50");
    assertAwsError(() -> profiles.getInstanceProfile(prod, "web-profile"), "NoSuchEntity");

    profiles.createInstanceProfile(prod, null, "web-profile", Map.of("a", "1"));
    tooMany.remove("k0");
    assertAwsError(() -> profiles.tagInstanceProfile(prod, "web-profile", tooMany), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for TagsPerInstanceProfile: 50");
    assertAwsError(
        () -> profiles.tagInstanceProfile(prod, "web-profile", Map.of("bad*key", "v")),
        "ValidationError");
    assertThat(profiles.listInstanceProfileTags(prod, "web-profile"))
        .containsExactly(Map.entry("a", "1"));
  }

  @Test
  void accountDetails_listTheProfilesHoldingEachRole() {
    profiles.createInstanceProfile(prod, null, "web-profile");
    profiles.addRoleToInstanceProfile(prod, "web-profile", "web");

    var roles =
        iam.accountDetails().getAccountAuthorizationDetails(prod, java.util.List.of("Role"));
    assertThat(roles.roles())
        .filteredOn(d -> d.entity().name().equals("web"))
        .singleElement()
        .satisfies(d ->
            assertThat(d.instanceProfiles())
                .extracting(InstanceProfile::name)
                .containsExactly("web-profile"));
    assertThat(roles.roles())
        .filteredOn(d -> d.entity().name().equals("batch"))
        .singleElement()
        .satisfies(d -> assertThat(d.instanceProfiles()).isEmpty());
  }
}
