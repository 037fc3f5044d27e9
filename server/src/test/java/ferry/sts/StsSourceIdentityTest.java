package ferry.sts;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles;
import ferry.iam.IamService;
import ferry.iam.User;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AssumeRole's SourceIdentity: validated, granted by sts:SetSourceIdentity, kept on the session as
 * aws:SourceIdentity and carried on, unchanged, by role chaining.
 */
class StsSourceIdentityTest {
  static final String ADMIN = "arn:aws:iam::111111111111:role/admin";
  static final String NEXT = "arn:aws:iam::111111111111:role/next";
  static final String PLAIN = "arn:aws:iam::111111111111:role/plain";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  StsService sts;
  Caller alice;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    sts = services.sts;
    Caller dev = services.root(DEV);
    User user = iam.users().createUser(dev, null, "alice");
    alice = services.as(new Principal.IamUser(DEV, "/", "alice", user.userId()));
    role(
        dev,
        "admin",
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
         "Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},
         "Action":["sts:AssumeRole","sts:SetSourceIdentity"],
         "Condition":{"StringEquals":{"sts:SourceIdentity":"alice"}}}]}\
        """);
    iam.entityPolicies()
        .putInlinePolicy(
            dev,
            EntityKind.ROLE,
            "admin",
            "only-alice",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles",
             "Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}\
            """);
    role(
        dev,
        "next",
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
         "Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}\
        """
            .formatted(ADMIN));
    role(
        dev,
        "plain",
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
         "Action":"sts:AssumeRole"}]}\
        """
            .formatted(ADMIN));
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private void role(Caller dev, String name, String trust) {
    iam.roles()
        .createRole(dev, new IamRoles.CreateRoleRequest(name, null, trust, null, null, Map.of()));
  }

  private static AssumeRoleRequest request(String roleArn, String sourceIdentity) {
    return new AssumeRoleRequest(
        roleArn, "s1", null, null, List.of(), Map.of(), null, sourceIdentity);
  }

  @Test
  void sourceIdentity_isTheTrustPolicysStsSourceIdentity_andStaysOnTheSession() {
    AssumeRoleResult result = sts.assumeRole(alice, request(ADMIN, "alice"));

    assertThat(result.sourceIdentity()).isEqualTo("alice");
    assertThat(result.caller().sourceIdentity()).isEqualTo("alice");
    assertThat(services.stsCredentials.find(result.credentials().accessKeyId()).sourceIdentity())
        .isEqualTo("alice");
    var listRoles = AccessRequest.of("iam:ListRoles", "*", DEV);
    assertThat(services.authorizer.authorize(result.caller(), listRoles).allowed()).isTrue();
  }

  @Test
  void withoutOrWithAnotherSourceIdentity_theTrustPolicyDenies() {
    assertAwsError(() -> sts.assumeRole(alice, AssumeRoleRequest.of(ADMIN, "s1")), "AccessDenied")
        .contains("sts:AssumeRole");
    assertAwsError(() -> sts.assumeRole(alice, request(ADMIN, "bob")), "AccessDenied")
        .contains("sts:AssumeRole");
  }

  @Test
  void settingASourceIdentity_needsStsSetSourceIdentity() {
    Caller admin = sts.assumeRole(alice, request(ADMIN, "alice")).caller();

    // plain trusts admin for sts:AssumeRole only: the carried-on source identity needs more.
    assertAwsError(() -> sts.assumeRole(admin, AssumeRoleRequest.of(PLAIN, "s2")), "AccessDenied")
        .contains("sts:SetSourceIdentity");
  }

  @Test
  void roleChaining_carriesTheSourceIdentityOn_andMayNotChangeIt() {
    Caller admin = sts.assumeRole(alice, request(ADMIN, "alice")).caller();

    AssumeRoleResult next = sts.assumeRole(admin, AssumeRoleRequest.of(NEXT, "s2"));
    assertThat(next.sourceIdentity()).isEqualTo("alice");
    assertThat(sts.assumeRole(admin, request(NEXT, "alice")).sourceIdentity()).isEqualTo("alice");
    assertAwsError(() -> sts.assumeRole(admin, request(NEXT, "mallory")), "AccessDenied")
        .contains("cannot change the source identity alice");
  }

  @Test
  void malformedSourceIdentity_isAValidationError() {
    assertAwsError(() -> sts.assumeRole(alice, request(ADMIN, "a")), "ValidationError")
        .contains("'sourceIdentity' failed to satisfy constraint")
        .contains("greater than or equal to 2");
    assertAwsError(() -> sts.assumeRole(alice, request(ADMIN, "x".repeat(65))), "ValidationError")
        .contains("less than or equal to 64");
    assertAwsError(() -> sts.assumeRole(alice, request(ADMIN, "aws:alice")), "ValidationError")
        .contains("regular expression pattern");
    assertThat(sts.assumeRole(alice, request(ADMIN, "alice")).sourceIdentity()).isEqualTo("alice");
  }
}
