package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamInstanceProfilesTest {
  static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;

  @TempDir Path dir;
  IdentityServices services;
  IamInstanceProfiles profiles;
  IamService iam;
  Caller prod;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    profiles = iam.instanceProfiles();
    prod = services.root(PROD);
    for (String name : new String[] {"web", "batch"}) {
      iam.roles()
          .createRole(
              prod, new IamRoles.CreateRoleRequest(name, null, TRUST, null, null, Map.of()));
    }
  }

  @AfterEach
  void stop() {
    services.close();
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
}
