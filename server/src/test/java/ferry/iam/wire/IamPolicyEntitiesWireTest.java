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
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyUsageType;

/** ListEntitiesForPolicy over the query protocol, driven by the AWS SDK for Java v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamPolicyEntitiesWireTest {
  static final String LIST_BUCKETS =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets",\
      "Resource":"*"}]}\
      """;
  static final String TRUST =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
      "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
      """;

  RunningFerry ferry;
  IamClient prod;
  String arn;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir);
    prod = ferry.iam("prod");
    arn =
        prod.createPolicy(r -> r.policyName("list-buckets").policyDocument(LIST_BUCKETS))
            .policy()
            .arn();
    prod.createGroup(r -> r.groupName("readers"));
    prod.attachGroupPolicy(r -> r.groupName("readers").policyArn(arn));
    prod.createUser(r -> r.userName("bob"));
    prod.attachUserPolicy(r -> r.userName("bob").policyArn(arn));
    prod.createUser(r -> r.userName("alice").permissionsBoundary(arn));
    prod.createRole(r -> r.roleName("deployer").path("/ci/").assumeRolePolicyDocument(TRUST));
    prod.attachRolePolicy(r -> r.roleName("deployer").policyArn(arn));
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  @Test
  void everyEntity_inItsOwnList_andPagedTogether() {
    ListEntitiesForPolicyResponse all = prod.listEntitiesForPolicy(r -> r.policyArn(arn));
    assertThat(all.policyGroups()).extracting(g -> g.groupName()).containsExactly("readers");
    assertThat(all.policyGroups().get(0).groupId()).startsWith("AGPA");
    assertThat(all.policyUsers()).extracting(u -> u.userName()).containsExactly("alice", "bob");
    assertThat(all.policyRoles()).extracting(r -> r.roleName()).containsExactly("deployer");
    assertThat(all.isTruncated()).isFalse();
    assertThat(prod.getPolicy(r -> r.policyArn(arn)).policy().attachmentCount()).isEqualTo(3);
    assertThat(prod.getPolicy(r -> r.policyArn(arn)).policy().permissionsBoundaryUsageCount())
        .isEqualTo(1);

    List<String> paged = new ArrayList<>();
    String marker = null;
    do {
      String after = marker;
      ListEntitiesForPolicyResponse page =
          prod.listEntitiesForPolicy(r -> r.policyArn(arn).maxItems(3).marker(after));
      page.policyGroups().forEach(g -> paged.add(g.groupName()));
      page.policyUsers().forEach(u -> paged.add(u.userName()));
      page.policyRoles().forEach(role -> paged.add(role.roleName()));
      marker = page.isTruncated() ? page.marker() : null;
    } while (marker != null);
    assertThat(paged).containsExactly("readers", "alice", "bob", "deployer");
  }

  @Test
  void filters_byKind_path_andUsage() {
    ListEntitiesForPolicyResponse roles =
        prod.listEntitiesForPolicy(r -> r.policyArn(arn).entityFilter(EntityType.ROLE));
    assertThat(roles.policyRoles()).hasSize(1);
    assertThat(roles.policyUsers()).isEmpty();
    assertThat(prod.listEntitiesForPolicy(r -> r.policyArn(arn).pathPrefix("/ci/")).policyRoles())
        .hasSize(1);
    assertThat(
            prod.listEntitiesForPolicy(
                    r -> r.policyArn(arn).policyUsageFilter(PolicyUsageType.PERMISSIONS_BOUNDARY))
                .policyUsers())
        .extracting(u -> u.userName())
        .containsExactly("alice");
  }

  @Test
  void badRequests_getIamErrors() {
    IamException bad =
        catchThrowableOfType(
            IamException.class,
            () -> prod.listEntitiesForPolicy(r -> r.policyArn(arn).entityFilter("Thing")));
    assertThat(bad.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(
            catchThrowableOfType(
                NoSuchEntityException.class,
                () ->
                    prod.listEntitiesForPolicy(
                        r -> r.policyArn("arn:aws:iam::222222222222:policy/missing"))))
        .isNotNull();
    assertThat(prod.listEntitiesForPolicy(r -> r.policyArn(arn)).policyUsers()).hasSize(2);
  }
}
