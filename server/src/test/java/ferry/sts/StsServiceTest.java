package ferry.sts;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.auth.StoredCredential;
import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.iam.EntityKind;
import ferry.iam.IamRoles;
import ferry.iam.IamService;
import ferry.iam.ManagedPolicy;
import ferry.iam.User;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StsServiceTest {
  static final String SERVICE_ROLE = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String SERVICE_ROLE_ARN =
      "arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE;
  static final String PROD_ROLE_ARN = "arn:aws:iam::222222222222:role/prods3role";

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  StsService sts;
  Caller dev;
  Caller prod;
  ManagedPolicy assumeProdS3Role;

  @BeforeEach
  void guide() {
    services = new IdentityServices(dir);
    iam = services.iam;
    sts = services.sts;
    dev = services.root(DEV);
    prod = services.root(PROD);
    iam.roles()
        .createRole(
            dev,
            new IamRoles.CreateRoleRequest(
                SERVICE_ROLE,
                "/service-role/",
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
    for (String name : List.of("outputbucketdeployaccess", "devkmss3access")) {
      ManagedPolicy policy =
          iam.managedPolicies()
              .createPolicy(prod, name, null, GuideDocuments.read("prod/" + name + ".json"), null);
      if (name.equals("outputbucketdeployaccess")) {
        iam.roles()
            .createRole(
                prod,
                new IamRoles.CreateRoleRequest(
                    "prods3role",
                    null,
                    GuideDocuments.read("prod/prods3role-trust.json"),
                    null,
                    null,
                    Map.of("env", "prod")));
      }
      iam.entityPolicies().attachPolicy(prod, EntityKind.ROLE, "prods3role", policy.arn());
    }
    assumeProdS3Role =
        iam.managedPolicies()
            .createPolicy(
                dev,
                "assumeprods3role",
                null,
                GuideDocuments.read("dev/assumeprods3role.json"),
                null);
    iam.entityPolicies().attachPolicy(dev, EntityKind.ROLE, SERVICE_ROLE, assumeProdS3Role.arn());
  }

  @AfterEach
  void stop() {
    services.close();
  }

  private Caller pipelineSession() {
    return sts.assumeRoleAsService(
        "codepipeline.amazonaws.com", SERVICE_ROLE_ARN, "pipeline-run", Region.US_EAST_1);
  }

  @Test
  void codepipeline_assumesItsServiceRole_asTheServicePrincipal() {
    Caller session = pipelineSession();

    assertThat(session.principal()).isInstanceOf(Principal.AssumedRole.class);
    assertThat(session.arn())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/" + SERVICE_ROLE + "/pipeline-run");
    assertThat(session.accessKeyId()).startsWith("ASIA");
    assertThat(sts.getCallerIdentity(session).account()).isEqualTo("111111111111");
  }

  @Test
  void serviceRoleSession_assumesProdS3Role_andActsAsProd() {
    AssumeRoleResult result =
        sts.assumeRole(pipelineSession(), AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy"));

    assertThat(result.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
    assertThat(result.assumedRoleUser().assumedRoleId())
        .isEqualTo(iam.roles().getRole(prod, "prods3role").roleId() + ":deploy");
    Credentials credentials = result.credentials();
    assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(credentials.expiration())
        .isEqualTo(services.clock.instant().plus(Duration.ofHours(1)));
    Caller session = result.caller();
    assertThat(sts.getCallerIdentity(session).arn()).isEqualTo(result.assumedRoleUser().arn());
    assertThat(session.sessionTags()).containsEntry("env", "prod");
    assertThat(
            services
                .authorizer
                .authorize(
                    session,
                    AccessRequest.of(
                        "s3:PutObject", "arn:aws:s3:::codepipeline-output-bucket/index.html", PROD))
                .allowed())
        .isTrue();

    StoredCredential stored = services.stsCredentials.find(credentials.accessKeyId());
    assertThat(stored).isNotNull();
    assertThat(stored.sessionToken()).isEqualTo(credentials.sessionToken());
    assertThat(stored.expiration()).isEqualTo(credentials.expiration());
    assertThat(stored.principal()).isEqualTo(session.principal());
  }

  @Test
  void withoutTheTrustStatement_assumeRoleIsDenied_namingTheMissingGrant() {
    iam.roles()
        .updateAssumeRolePolicy(
            prod,
            "prods3role",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
            """);
    Caller session = pipelineSession();

    assertAwsError(
            () -> sts.assumeRole(session, AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy")),
            "AccessDenied")
        .startsWith(
            "User: arn:aws:sts::111111111111:assumed-role/"
                + SERVICE_ROLE
                + "/pipeline-run is not authorized to perform: sts:AssumeRole on resource: "
                + PROD_ROLE_ARN)
        .contains("trust policy");

    iam.roles()
        .updateAssumeRolePolicy(
            prod, "prods3role", GuideDocuments.read("prod/prods3role-trust.json"));
    assertThat(sts.assumeRole(session, AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy")).caller())
        .isNotNull();
  }

  @Test
  void withoutAssumeProdS3Role_assumeRoleIsDenied_byTheCallersIdentityPolicies() {
    iam.entityPolicies().detachPolicy(dev, EntityKind.ROLE, SERVICE_ROLE, assumeProdS3Role.arn());
    Caller session = pipelineSession();

    assertAwsError(
            () -> sts.assumeRole(session, AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy")),
            "AccessDenied")
        .startsWith(
            "User: arn:aws:sts::111111111111:assumed-role/"
                + SERVICE_ROLE
                + "/pipeline-run is not authorized to perform: sts:AssumeRole on resource: "
                + PROD_ROLE_ARN
                + " because no identity-based policy allows the sts:AssumeRole action");
  }

  @Test
  void simulatePrincipalPolicy_givesTheSameDecisionAsTheRealAssumeRole() {
    var request =
        new ferry.iam.PolicySimulator.SimulationRequest(
            List.of("sts:AssumeRole"), List.of(PROD_ROLE_ARN), List.of(), Map.of());

    var allowed = services.simulator.simulatePrincipalPolicy(dev, SERVICE_ROLE_ARN, request);
    assertThat(allowed.getFirst().decision()).isEqualTo("allowed");
    assertThat(allowed.getFirst().matchedStatements())
        .extracting(ferry.iam.PolicySimulator.MatchedStatement::sourcePolicyId)
        .containsExactly("assumeprods3role");
    assertThat(sts.assumeRole(pipelineSession(), AssumeRoleRequest.of(PROD_ROLE_ARN, "s1")))
        .isNotNull();

    iam.entityPolicies().detachPolicy(dev, EntityKind.ROLE, SERVICE_ROLE, assumeProdS3Role.arn());
    var denied = services.simulator.simulatePrincipalPolicy(dev, SERVICE_ROLE_ARN, request);
    assertThat(denied.getFirst().decision()).isEqualTo("implicitDeny");
    assertAwsError(
        () -> sts.assumeRole(pipelineSession(), AssumeRoleRequest.of(PROD_ROLE_ARN, "s1")),
        "AccessDenied");
  }

  @Test
  void rootUsers_mayNotAssumeRoles() {
    assertAwsError(
            () -> sts.assumeRole(dev, AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy")),
            "AccessDenied")
        .isEqualTo("Roles may not be assumed by root accounts.");
  }

  @Test
  void anOutsideService_isNotTrusted() {
    assertAwsError(
            () ->
                sts.assumeRoleAsService(
                    "ec2.amazonaws.com", SERVICE_ROLE_ARN, "x1", Region.US_EAST_1),
            "AccessDenied")
        .startsWith(
            "User: ec2.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: "
                + SERVICE_ROLE_ARN);
  }

  @Test
  void anUnknownRole_isAccessDenied_notNoSuchEntity() {
    assertAwsError(
            () ->
                sts.assumeRole(
                    pipelineSession(),
                    AssumeRoleRequest.of("arn:aws:iam::222222222222:role/nothere", "deploy")),
            "AccessDenied")
        .contains("sts:AssumeRole on resource: arn:aws:iam::222222222222:role/nothere");
  }

  @Test
  void sessionNamesAndDurations_areValidated() {
    Caller session = pipelineSession();
    assertAwsError(
            () -> sts.assumeRole(session, AssumeRoleRequest.of(PROD_ROLE_ARN, "a")),
            "ValidationError")
        .isEqualTo(
            "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy"
                + " constraint: Member must have length greater than or equal to 2");
    assertAwsError(
            () -> sts.assumeRole(session, AssumeRoleRequest.of(PROD_ROLE_ARN, "has space")),
            "ValidationError")
        .endsWith("Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    assertAwsError(
            () ->
                sts.assumeRole(
                    session,
                    new AssumeRoleRequest(PROD_ROLE_ARN, "deploy", 600, null, List.of(), Map.of())),
            "ValidationError")
        .contains("durationSeconds");
    assertAwsError(
            () ->
                sts.assumeRole(
                    session,
                    new AssumeRoleRequest(
                        PROD_ROLE_ARN, "deploy", 7200, null, List.of(), Map.of())),
            "ValidationError")
        .isEqualTo(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed"
                + " by role chaining.");

    User alice = iam.users().createUser(dev, null, "alice");
    iam.entityPolicies()
        .putInlinePolicy(
            dev,
            EntityKind.USER,
            "alice",
            "assume",
            GuideDocuments.read("dev/assumeprods3role.json"));
    iam.roles()
        .updateAssumeRolePolicy(
            prod,
            "prods3role",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"}]}\
            """);
    Caller asAlice = services.as(new Principal.IamUser(DEV, "/", "alice", alice.userId()));
    assertAwsError(
            () ->
                sts.assumeRole(
                    asAlice,
                    new AssumeRoleRequest(
                        PROD_ROLE_ARN, "deploy", 7200, null, List.of(), Map.of())),
            "ValidationError")
        .isEqualTo(
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    iam.roles().updateRole(prod, "prods3role", null, 7200);
    assertThat(
            sts.assumeRole(
                    asAlice,
                    new AssumeRoleRequest(PROD_ROLE_ARN, "deploy", 7200, null, List.of(), Map.of()))
                .credentials()
                .expiration())
        .isEqualTo(services.clock.instant().plusSeconds(7200));
  }

  @Test
  void sessionTags_needStsTagSession_inTheTrustPolicyAndTheCallersPolicies() {
    var tagged =
        new AssumeRoleRequest(PROD_ROLE_ARN, "deploy", null, null, List.of(), Map.of("run", "1"));
    assertAwsError(() -> sts.assumeRole(pipelineSession(), tagged), "AccessDenied")
        .contains("sts:TagSession");

    allowTagSession();
    assertThat(sts.assumeRole(pipelineSession(), tagged).caller().sessionTags())
        .containsEntry("run", "1");
  }

  /** Trust and identity statements that let the pipeline's role tag its prods3role sessions. */
  private void allowTagSession() {
    iam.roles()
        .updateAssumeRolePolicy(
            prod,
            "prods3role",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
             "Action":["sts:AssumeRole","sts:TagSession"]}]}\
            """
                .formatted(SERVICE_ROLE_ARN));
    iam.entityPolicies()
        .putInlinePolicy(
            dev,
            EntityKind.ROLE,
            SERVICE_ROLE,
            "tagsession",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:TagSession",
             "Resource":"%s"}]}\
            """
                .formatted(PROD_ROLE_ARN));
  }

  @Test
  void externalId_isTheTrustPolicysStsExternalId() {
    iam.roles()
        .updateAssumeRolePolicy(
            prod,
            "prods3role",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},
             "Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"guide-42"}}}]}\
            """
                .formatted(SERVICE_ROLE_ARN));
    assertAwsError(
            () -> sts.assumeRole(pipelineSession(), AssumeRoleRequest.of(PROD_ROLE_ARN, "deploy")),
            "AccessDenied")
        .contains("sts:AssumeRole");
    assertAwsError(
            () -> sts.assumeRole(pipelineSession(), withExternalId("guide-41")), "AccessDenied")
        .contains("sts:AssumeRole");
    assertAwsError(() -> sts.assumeRole(pipelineSession(), withExternalId("x")), "ValidationError")
        .contains("'externalId' failed to satisfy constraint");
    assertAwsError(
            () -> sts.assumeRole(pipelineSession(), withExternalId("no spaces")), "ValidationError")
        .contains("regular expression pattern");

    assertThat(sts.assumeRole(pipelineSession(), withExternalId("guide-42")).caller().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
  }

  private static AssumeRoleRequest withExternalId(String externalId) {
    return new AssumeRoleRequest(
        PROD_ROLE_ARN, "deploy", null, null, List.of(), Map.of(), externalId);
  }

  @Test
  void sessionPolicies_narrowTheRolesPermissions() {
    allowTagSession();
    String readOnly =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}\
        """;
    AssumeRoleResult result =
        sts.assumeRole(
            pipelineSession(),
            new AssumeRoleRequest(
                PROD_ROLE_ARN, "deploy", null, readOnly, List.of(), Map.of("run", "42")));

    assertThat(result.caller().sessionPolicies()).containsExactly(readOnly);
    assertThat(result.caller().sessionTags()).containsEntry("run", "42");
    var verdict =
        services.authorizer.authorize(
            result.caller(),
            AccessRequest.of(
                "s3:PutObject", "arn:aws:s3:::codepipeline-output-bucket/index.html", PROD));
    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.message()).contains("because no session policy allows the s3:PutObject");
    assertThat(services.stsCredentials.find(result.credentials().accessKeyId()).sessionPolicies())
        .containsExactly(readOnly);

    assertAwsError(
            () ->
                sts.assumeRole(
                    pipelineSession(),
                    new AssumeRoleRequest(
                        PROD_ROLE_ARN, "deploy", null, "{bad", List.of(), Map.of())),
            "MalformedPolicyDocument")
        .isEqualTo("Syntax errors in policy.");
  }

  @Test
  void getSessionToken_givesAUserTemporaryCredentialsAsThatUser() {
    User alice = iam.users().createUser(dev, null, "alice");
    var principal = new Principal.IamUser(DEV, "/", "alice", alice.userId());

    Credentials credentials = sts.getSessionToken(services.as(principal), 900);

    StoredCredential stored = services.stsCredentials.find(credentials.accessKeyId());
    assertThat(stored.principal()).isEqualTo(principal);
    assertThat(stored.expiration()).isEqualTo(services.clock.instant().plusSeconds(900));
    assertAwsError(() -> sts.getSessionToken(pipelineSession(), null), "AccessDenied")
        .isEqualTo("Cannot call GetSessionToken with session credentials");
  }
}
