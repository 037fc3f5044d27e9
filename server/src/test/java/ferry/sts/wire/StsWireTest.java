package ferry.sts.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.GuideDocuments;
import ferry.testing.MutableClock;
import ferry.testing.RunningFerry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS over the query protocol with the AWS SDK: a dev user assumes prod's prods3role. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsWireTest {
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";

  final MutableClock clock = new MutableClock(Instant.now());
  RunningFerry ferry;
  StsClient deployer;

  @BeforeAll
  void guide(@TempDir Path dir) throws Exception {
    ferry = RunningFerry.start(dir, clock);
    IamClient prod = ferry.iam("prod");
    String output =
        prod.createPolicy(r ->
                r.policyName("outputbucketdeployaccess")
                    .policyDocument(GuideDocuments.read("prod/outputbucketdeployaccess.json")))
            .policy()
            .arn();
    // Trusting the dev account (the console's default) lets a dev user stand in for the
    // pipeline's service role, which only CodePipeline itself can assume.
    prod.createRole(r ->
        r.roleName("prods3role")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}\
                """));
    prod.attachRolePolicy(r -> r.roleName("prods3role").policyArn(output));
    IamClient dev = ferry.iam("dev");
    dev.createUser(r -> r.userName("deployer"));
    dev.putUserPolicy(r ->
        r.userName("deployer")
            .policyName("assumeprods3role")
            .policyDocument(GuideDocuments.read("dev/assumeprods3role.json")));
    AccessKey key = dev.createAccessKey(r -> r.userName("deployer")).accessKey();
    deployer =
        ferry.sts(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())));
  }

  @AfterAll
  void stop() throws Exception {
    ferry.close();
  }

  private StsClient as(Credentials credentials) {
    return ferry.sts(
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken())));
  }

  @Test
  void assumeRole_givesCredentialsThatActAsTheRoleInProd() {
    AssumeRoleResponse response =
        deployer.assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("deploy"));

    assertThat(response.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
    assertThat(response.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":deploy");
    assertThat(response.credentials().accessKeyId()).startsWith("ASIA");
    var identity = as(response.credentials()).getCallerIdentity();
    assertThat(identity.account()).isEqualTo("222222222222");
    assertThat(identity.arn()).isEqualTo(response.assumedRoleUser().arn());
    assertThat(identity.userId()).isEqualTo(response.assumedRoleUser().assumedRoleId());
  }

  @Test
  void withoutTheCallersPolicy_assumeRoleIsAccessDenied_andTheNextRequestSucceeds() {
    IamClient dev = ferry.iam("dev");
    dev.deleteUserPolicy(r -> r.userName("deployer").policyName("assumeprods3role"));

    var denied =
        catchThrowableOfType(
            StsException.class,
            () -> deployer.assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("deploy")));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.awsErrorDetails().errorMessage())
        .startsWith(
            "User: arn:aws:iam::111111111111:user/deployer is not authorized to perform:"
                + " sts:AssumeRole on resource: arn:aws:iam::222222222222:role/prods3role"
                + " because no identity-based policy allows the sts:AssumeRole action");
    assertThat(deployer.getCallerIdentity().arn())
        .isEqualTo("arn:aws:iam::111111111111:user/deployer");

    dev.putUserPolicy(r ->
        r.userName("deployer")
            .policyName("assumeprods3role")
            .policyDocument(GuideDocuments.read("dev/assumeprods3role.json")));
    assertThat(deployer.assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("again"))).isNotNull();
  }

  @Test
  void invalidSessionName_isValidationError() {
    var invalid =
        catchThrowableOfType(
            StsException.class,
            () -> deployer.assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("no spaces")));
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }

  @Test
  void expiredSessionCredentials_areRejectedWithExpiredToken() {
    // Signed requests may be 15 minutes off the server's clock: start the server 14 minutes
    // behind, take a 15-minute session, then move 16 minutes on.
    clock.advance(Duration.ofMinutes(-14));
    Credentials credentials =
        deployer
            .assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("short").durationSeconds(900))
            .credentials();
    StsClient session = as(credentials);
    assertThat(session.getCallerIdentity().account()).isEqualTo("222222222222");

    clock.advance(Duration.ofMinutes(16));
    try {
      var expired = catchThrowableOfType(StsException.class, session::getCallerIdentity);
      assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
      assertThat(expired.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is expired");
    } finally {
      clock.advance(Duration.ofMinutes(-2));
    }
  }

  @Test
  void getSessionToken_givesTheUserTemporaryCredentials() {
    Credentials credentials = deployer.getSessionToken(r -> r.durationSeconds(900)).credentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA");
    assertThat(as(credentials).getCallerIdentity().arn())
        .isEqualTo("arn:aws:iam::111111111111:user/deployer");
  }

  @Test
  void mfaAndTransitiveTags_areRefused_andTheNextRequestSucceeds() {
    var mfa =
        catchThrowableOfType(
            StsException.class,
            () ->
                deployer.assumeRole(r ->
                    r.roleArn(PROD_ROLE)
                        .roleSessionName("mfa")
                        .serialNumber("arn:aws:iam::111111111111:mfa/deployer")
                        .tokenCode("123456")));
    assertThat(mfa.statusCode()).isEqualTo(400);
    assertThat(mfa.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(mfa.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter SerialNumber of AssumeRole.");

    var source =
        catchThrowableOfType(
            StsException.class,
            () ->
                deployer.assumeRole(
                    r -> r.roleArn(PROD_ROLE).roleSessionName("source").sourceIdentity("alice")));
    assertThat(source.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(source.awsErrorDetails().errorMessage())
        .contains("is not authorized to perform: sts:SetSourceIdentity");

    var transitive =
        catchThrowableOfType(
            StsException.class,
            () ->
                deployer.assumeRole(r ->
                    r.roleArn(PROD_ROLE).roleSessionName("transitive").transitiveTagKeys("team")));
    assertThat(transitive.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter TransitiveTagKeys of AssumeRole.");

    var token =
        catchThrowableOfType(
            StsException.class,
            () -> deployer.getSessionToken(r -> r.serialNumber("arn:aws:iam::111111111111:mfa/x")));
    assertThat(token.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    assertThat(token.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter SerialNumber of GetSessionToken.");

    assertThat(deployer.assumeRole(r -> r.roleArn(PROD_ROLE).roleSessionName("plain"))).isNotNull();
  }

  @Test
  void externalId_reachesTheTrustPolicy() {
    IamClient prod = ferry.iam("prod");
    prod.createRole(r ->
        r.roleName("vendorrole")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole",
                 "Condition":{"StringEquals":{"sts:ExternalId":"guide-42"}}}]}\
                """));
    IamClient dev = ferry.iam("dev");
    dev.putUserPolicy(r ->
        r.userName("deployer")
            .policyName("assumevendorrole")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",
                 "Resource":"arn:aws:iam::222222222222:role/vendorrole"}]}\
                """));
    String role = "arn:aws:iam::222222222222:role/vendorrole";
    try {
      var denied =
          catchThrowableOfType(
              StsException.class,
              () -> deployer.assumeRole(r -> r.roleArn(role).roleSessionName("vendor")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

      AssumeRoleResponse allowed =
          deployer.assumeRole(
              r -> r.roleArn(role).roleSessionName("vendor").externalId("guide-42"));
      assertThat(allowed.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::222222222222:assumed-role/vendorrole/vendor");
    } finally {
      dev.deleteUserPolicy(r -> r.userName("deployer").policyName("assumevendorrole"));
    }
  }

  @Test
  void sourceIdentity_isAnsweredAndIsAwsSourceIdentityInTheSessionsRequests() {
    IamClient prod = ferry.iam("prod");
    prod.createRole(r ->
        r.roleName("auditedrole")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                 "Action":["sts:AssumeRole","sts:SetSourceIdentity"]}]}\
                """));
    prod.putRolePolicy(r ->
        r.roleName("auditedrole")
            .policyName("alice-lists")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListRoles",
                 "Resource":"*","Condition":{"StringEquals":{"aws:SourceIdentity":"alice"}}}]}\
                """));
    IamClient dev = ferry.iam("dev");
    dev.putUserPolicy(r ->
        r.userName("deployer")
            .policyName("assumeauditedrole")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["sts:AssumeRole","sts:SetSourceIdentity"],
                 "Resource":"arn:aws:iam::222222222222:role/auditedrole"}]}\
                """));
    String role = "arn:aws:iam::222222222222:role/auditedrole";
    try {
      AssumeRoleResponse alice =
          deployer.assumeRole(
              r -> r.roleArn(role).roleSessionName("as-alice").sourceIdentity("alice"));
      assertThat(alice.sourceIdentity()).isEqualTo("alice");
      AssumeRoleResponse bob =
          deployer.assumeRole(r -> r.roleArn(role).roleSessionName("as-bob").sourceIdentity("bob"));

      assertThat(iamAs(alice.credentials()).listRoles().roles()).isNotEmpty();
      var denied =
          catchThrowableOfType(
              software.amazon.awssdk.services.iam.model.IamException.class,
              () -> iamAs(bob.credentials()).listRoles());
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");

      var invalid =
          catchThrowableOfType(
              StsException.class,
              () ->
                  deployer.assumeRole(
                      r -> r.roleArn(role).roleSessionName("as-c").sourceIdentity("no spaces")));
      assertThat(invalid.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
    } finally {
      dev.deleteUserPolicy(r -> r.userName("deployer").policyName("assumeauditedrole"));
    }
  }

  private IamClient iamAs(Credentials credentials) {
    return ferry.iam(
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                credentials.accessKeyId(),
                credentials.secretAccessKey(),
                credentials.sessionToken())));
  }
}
