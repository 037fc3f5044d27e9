package ferry.iam.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/** Instance profiles and their tags over the query protocol, driven by the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamInstanceProfilesWireTest {
  static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;

  RunningFerry ferry;
  IamClient prod;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir);
    prod = ferry.iam("prod");
    prod.createRole(r -> r.roleName("web").assumeRolePolicyDocument(TRUST));
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  @Test
  void profileTags_roundTrip_andGetInstanceProfileAnswersThem() {
    InstanceProfile created =
        prod.createInstanceProfile(r -> r.instanceProfileName("tagged").tags(tag("team", "web")))
            .instanceProfile();
    assertThat(created.tags()).containsExactly(tag("team", "web"));

    prod.tagInstanceProfile(
        r -> r.instanceProfileName("tagged").tags(tag("Team", "ops"), tag("env", "prod")));
    assertThat(prod.listInstanceProfileTags(r -> r.instanceProfileName("tagged")).tags())
        .containsExactly(tag("Team", "ops"), tag("env", "prod"));
    prod.untagInstanceProfile(r -> r.instanceProfileName("tagged").tagKeys("team"));
    assertThat(
            prod.getInstanceProfile(r -> r.instanceProfileName("tagged")).instanceProfile().tags())
        .containsExactly(tag("env", "prod"));
    assertThat(
            prod.listInstanceProfileTags(r -> r.instanceProfileName("tagged").maxItems(1))
                .isTruncated())
        .isFalse();
    assertThat(prod.listInstanceProfiles().instanceProfiles())
        .filteredOn(p -> p.instanceProfileName().equals("tagged"))
        .singleElement()
        .satisfies(p -> assertThat(p.hasTags()).isFalse());
  }

  @Test
  void badTags_areRefused_andNothingIsStored() {
    List<Tag> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add(tag("k" + i, "v"));
    }
    IamException limit =
        catchThrowableOfType(
            IamException.class,
            () -> prod.createInstanceProfile(r -> r.instanceProfileName("bad").tags(tooMany)));
    assertThat(limit.awsErrorDetails().errorCode()).isEqualTo("LimitExceeded");
    assertThat(limit.statusCode()).isEqualTo(409);
    IamException duplicate =
        catchThrowableOfType(
            IamException.class,
            () ->
                prod.createInstanceProfile(
                    r -> r.instanceProfileName("bad").tags(tag("a", "1"), tag("A", "2"))));
    assertThat(duplicate.awsErrorDetails().errorCode()).isEqualTo("InvalidInput");
    IamException missing =
        catchThrowableOfType(
            IamException.class, () -> prod.getInstanceProfile(r -> r.instanceProfileName("bad")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");

    prod.createInstanceProfile(r -> r.instanceProfileName("bad"));
    assertThat(prod.listInstanceProfileTags(r -> r.instanceProfileName("bad")).tags()).isEmpty();
  }

  @Test
  void accountAuthorizationDetails_listTheRolesInstanceProfiles() {
    prod.createInstanceProfile(r -> r.instanceProfileName("web-profile").path("/app/"));
    prod.addRoleToInstanceProfile(r -> r.instanceProfileName("web-profile").roleName("web"));

    RoleDetail web =
        prod
            .getAccountAuthorizationDetails(r -> r.filterWithStrings("Role"))
            .roleDetailList()
            .stream()
            .filter(d -> d.roleName().equals("web"))
            .findFirst()
            .orElseThrow();
    assertThat(web.instanceProfileList())
        .singleElement()
        .satisfies(p -> {
          assertThat(p.instanceProfileName()).isEqualTo("web-profile");
          assertThat(p.arn())
              .isEqualTo("arn:aws:iam::222222222222:instance-profile/app/web-profile");
          assertThat(p.roles()).extracting(r -> r.roleName()).containsExactly("web");
        });
  }

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }
}
