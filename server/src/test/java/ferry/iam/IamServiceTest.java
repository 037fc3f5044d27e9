package ferry.iam;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.auth.StoredCredential;
import ferry.authz.PrincipalPolicies;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.testing.GuideDocuments;
import ferry.testing.IdentityServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamServiceTest extends IamComponentTest {
  static final String SERVICE_ROLE = "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String ALLOW_ALL_IAM =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}\
      """;

  private void createServiceRole() {
    iam.roles()
        .createRole(
            services.root(DEV),
            new IamRoles.CreateRoleRequest(
                SERVICE_ROLE,
                "/service-role/",
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
  }

  private Role createProdS3Role() {
    createServiceRole();
    ManagedPolicy output =
        iam.managedPolicies()
            .createPolicy(
                prod,
                "outputbucketdeployaccess",
                null,
                GuideDocuments.read("prod/outputbucketdeployaccess.json"),
                null);
    ManagedPolicy kms =
        iam.managedPolicies()
            .createPolicy(
                prod,
                "devkmss3access",
                null,
                GuideDocuments.read("prod/devkmss3access.json"),
                null);
    Role role =
        iam.roles()
            .createRole(
                prod,
                new IamRoles.CreateRoleRequest(
                    "prods3role",
                    null,
                    GuideDocuments.read("prod/prods3role-trust.json"),
                    null,
                    null,
                    Map.of()));
    iam.entityPolicies().attachPolicy(prod, EntityKind.ROLE, "prods3role", output.arn());
    iam.entityPolicies().attachPolicy(prod, EntityKind.ROLE, "prods3role", kms.arn());
    return role;
  }

  @Test
  void guideRole_isCreatedWithItsTwoManagedPolicies_andTheTrustPolicyAsWritten() {
    Role role = createProdS3Role();

    assertThat(role.arn()).isEqualTo("arn:aws:iam::222222222222:role/prods3role");
    assertThat(role.roleId()).startsWith("AROA").hasSize(21);
    assertThat(role.maxSessionDuration()).isEqualTo(3600);
    assertThat(iam.roles().getRole(prod, "PRODS3ROLE").trustPolicy())
        .isEqualTo(GuideDocuments.read("prod/prods3role-trust.json"));
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role"))
        .extracting(AttachedPolicy::policyArn)
        .containsExactly(
            "arn:aws:iam::222222222222:policy/outputbucketdeployaccess",
            "arn:aws:iam::222222222222:policy/devkmss3access");
    ManagedPolicy policy =
        iam.managedPolicies().getPolicy(prod, "arn:aws:iam::222222222222:policy/devkmss3access");
    assertThat(policy.policyId()).startsWith("ANPA");
    assertThat(policy.attachmentCount()).isEqualTo(1);
    assertThat(policy.defaultVersionId()).isEqualTo("v1");
  }

  @Test
  void serviceRole_withPath_hasThePathInItsArn() {
    Role role =
        iam.roles()
            .createRole(
                services.root(DEV),
                new IamRoles.CreateRoleRequest(
                    SERVICE_ROLE,
                    "/service-role/",
                    GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                    "pipeline role",
                    7200,
                    Map.of("team", "web")));

    assertThat(role.arn()).isEqualTo("arn:aws:iam::111111111111:role/service-role/" + SERVICE_ROLE);
    Role stored = iam.roles().getRole(services.root(DEV), SERVICE_ROLE);
    assertThat(stored.description()).isEqualTo("pipeline role");
    assertThat(stored.maxSessionDuration()).isEqualTo(7200);
    assertThat(stored.tags()).containsEntry("team", "web");
    assertThat(iam.roles().listRoles(services.root(DEV), "/service-role/")).hasSize(1);
    assertThat(iam.roles().listRoles(services.root(DEV), "/other/")).isEmpty();
  }

  @Test
  void createRole_twice_isEntityAlreadyExists_thenTheNextRequestSucceeds() {
    createProdS3Role();

    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod,
                        new IamRoles.CreateRoleRequest(
                            "ProdS3Role",
                            null,
                            GuideDocuments.read("prod/prods3role-trust.json"),
                            null,
                            null,
                            Map.of())),
            "EntityAlreadyExists")
        .isEqualTo("Role with name ProdS3Role already exists.");
    assertThat(iam.roles().listRoles(prod, null)).hasSize(1);
  }

  @Test
  void badNamesPathsAndDurations_areValidationErrors() {
    String trust = GuideDocuments.read("prod/prods3role-trust.json");
    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod,
                        new IamRoles.CreateRoleRequest(
                            "bad name", null, trust, null, null, Map.of())),
            "ValidationError")
        .isEqualTo(
            "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod,
                        new IamRoles.CreateRoleRequest(
                            "r", "service-role", trust, null, null, Map.of())),
            "ValidationError")
        .startsWith("The specified value for path is invalid.");
    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod, new IamRoles.CreateRoleRequest("r", null, trust, null, 60, Map.of())),
            "ValidationError")
        .contains("maxSessionDuration");
    assertThat(iam.roles().listRoles(prod, null)).isEmpty();
  }

  @Test
  void malformedTrustPolicy_isMalformedPolicyDocument_withTheEnginesMessage() {
    String noPrincipal =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}\
        """;
    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod,
                        new IamRoles.CreateRoleRequest(
                            "r", null, noPrincipal, null, null, Map.of())),
            "MalformedPolicyDocument")
        .isEqualTo("Missing required field Principal");
    assertAwsError(
            () ->
                iam.roles()
                    .createRole(
                        prod,
                        new IamRoles.CreateRoleRequest(
                            "r", null, "{not json", null, null, Map.of())),
            "MalformedPolicyDocument")
        .isEqualTo("Syntax errors in policy.");
  }

  @Test
  void trustPolicy_namingARoleThatDoesNotExist_isInvalidPrincipal_untilTheRoleExists() {
    String trust = GuideDocuments.read("prod/prods3role-trust.json");
    var request = new IamRoles.CreateRoleRequest("prods3role", null, trust, null, null, Map.of());

    assertAwsError(() -> iam.roles().createRole(prod, request), "MalformedPolicyDocument")
        .isEqualTo(
            "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111111111111:role/service-role/"
                + SERVICE_ROLE
                + "\"");
    assertThat(iam.roles().listRoles(prod, null)).isEmpty();

    iam.roles()
        .createRole(
            services.root(DEV),
            new IamRoles.CreateRoleRequest(
                SERVICE_ROLE,
                "/other-path/",
                GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
                null,
                null,
                Map.of()));
    assertAwsError(() -> iam.roles().createRole(prod, request), "MalformedPolicyDocument")
        .as("the role's path is part of its ARN")
        .startsWith("Invalid principal in policy");
    iam.roles().deleteRole(services.root(DEV), SERVICE_ROLE);
    createServiceRole();
    assertThat(iam.roles().createRole(prod, request).name()).isEqualTo("prods3role");
  }

  @Test
  void managedPolicy_withoutVersion_isMalformed() {
    String old =
        """
        {"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}\
        """;
    assertAwsError(
            () -> iam.managedPolicies().createPolicy(prod, "p", null, old, null),
            "MalformedPolicyDocument")
        .isEqualTo("Policy document must be version 2012-10-17 or greater.");
  }

  @Test
  void policyVersions_atMostFive_andTheDefaultCannotBeDeleted() {
    String doc = GuideDocuments.read("prod/outputbucketdeployaccess.json");
    ManagedPolicy policy = iam.managedPolicies().createPolicy(prod, "p", "/team/", doc, "d");
    assertThat(policy.arn()).isEqualTo("arn:aws:iam::222222222222:policy/team/p");
    for (int i = 2; i <= 5; i++) {
      PolicyVersion v = iam.managedPolicies().createPolicyVersion(prod, policy.arn(), doc, i == 3);
      assertThat(v.versionId()).isEqualTo("v" + i);
    }
    assertAwsError(
            () -> iam.managedPolicies().createPolicyVersion(prod, policy.arn(), doc, false),
            "LimitExceeded")
        .startsWith("A managed policy can have up to 5 versions.");
    assertThat(iam.managedPolicies().getPolicy(prod, policy.arn()).defaultVersionId())
        .isEqualTo("v3");
    assertThat(iam.managedPolicies().listPolicyVersions(prod, policy.arn()))
        .extracting(PolicyVersion::versionId)
        .containsExactly("v5", "v4", "v3", "v2", "v1");

    assertAwsError(
            () -> iam.managedPolicies().deletePolicyVersion(prod, policy.arn(), "v3"),
            "DeleteConflict")
        .isEqualTo("Cannot delete the default version of a policy.");
    iam.managedPolicies().deletePolicyVersion(prod, policy.arn(), "v1");
    assertThat(
            iam.managedPolicies().createPolicyVersion(prod, policy.arn(), doc, false).versionId())
        .isEqualTo("v6");
    assertAwsError(
        () -> iam.managedPolicies().getPolicyVersion(prod, policy.arn(), "v1"), "NoSuchEntity");
    assertAwsError(() -> iam.managedPolicies().deletePolicy(prod, policy.arn()), "DeleteConflict")
        .startsWith("This policy has more than one version.");
  }

  @Test
  void deleteRole_withAttachedPolicies_isDeleteConflict_untilTheyAreDetached() {
    createProdS3Role();

    assertAwsError(() -> iam.roles().deleteRole(prod, "prods3role"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must detach all policies first.");
    assertAwsError(
            () ->
                iam.managedPolicies()
                    .deletePolicy(prod, "arn:aws:iam::222222222222:policy/devkmss3access"),
            "DeleteConflict")
        .isEqualTo("Cannot delete a policy attached to entities.");
    for (AttachedPolicy p :
        iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role")) {
      iam.entityPolicies().detachPolicy(prod, EntityKind.ROLE, "prods3role", p.policyArn());
    }
    iam.entityPolicies()
        .putInlinePolicy(prod, EntityKind.ROLE, "prods3role", "extra", ALLOW_ALL_IAM);
    assertAwsError(() -> iam.roles().deleteRole(prod, "prods3role"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must delete policies first.");
    iam.entityPolicies().deleteInlinePolicy(prod, EntityKind.ROLE, "prods3role", "extra");

    iam.roles().deleteRole(prod, "prods3role");
    assertAwsError(() -> iam.roles().getRole(prod, "prods3role"), "NoSuchEntity")
        .isEqualTo("The role with name prods3role cannot be found.");
  }

  @Test
  void userWithoutIamPermissions_isDeniedCreateRole_andAllowedOnceAPolicyGrantsIt() {
    createServiceRole();
    User alice = iam.users().createUser(prod, null, "alice");
    Caller asAlice = services.as(new Principal.IamUser(PROD, "/", "alice", alice.userId()));
    var request =
        new IamRoles.CreateRoleRequest(
            "prods3role",
            null,
            GuideDocuments.read("prod/prods3role-trust.json"),
            null,
            null,
            Map.of());

    assertAwsError(() -> iam.roles().createRole(asAlice, request), "AccessDenied")
        .startsWith(
            "User: arn:aws:iam::222222222222:user/alice is not authorized to perform:"
                + " iam:CreateRole on resource: arn:aws:iam::222222222222:role/prods3role"
                + " because no identity-based policy allows the iam:CreateRole action");
    assertThat(iam.roles().listRoles(prod, null)).isEmpty();

    iam.entityPolicies().putInlinePolicy(prod, EntityKind.USER, "alice", "admin", ALLOW_ALL_IAM);
    assertThat(iam.roles().createRole(asAlice, request).name()).isEqualTo("prods3role");
  }

  @Test
  void accessKeys_ofAUser_authenticateAsTheUser_atMostTwo() {
    User bob = iam.users().createUser(prod, "/ops/", "bob");
    AccessKey key = iam.users().createAccessKey(prod, "bob");
    assertThat(key.accessKeyId()).startsWith("AKIA").hasSize(20);
    assertThat(key.secretAccessKey()).hasSize(40);

    StoredCredential credential = services.iamCredentials.find(key.accessKeyId());
    assertThat(credential).isNotNull();
    assertThat(credential.principal())
        .isEqualTo(new Principal.IamUser(PROD, "/ops/", "bob", bob.userId()));
    assertThat(credential.secretAccessKey()).isEqualTo(key.secretAccessKey());

    iam.users().createAccessKey(prod, "bob");
    assertAwsError(() -> iam.users().createAccessKey(prod, "bob"), "LimitExceeded")
        .isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
    iam.users().updateAccessKey(prod, "bob", key.accessKeyId(), "Inactive");
    assertThat(services.iamCredentials.find(key.accessKeyId()).active()).isFalse();

    assertAwsError(() -> iam.users().deleteUser(prod, "bob"), "DeleteConflict")
        .isEqualTo("Cannot delete entity, must delete access keys first.");
    for (AccessKey k : iam.users().listAccessKeys(prod, "bob")) {
      iam.users().deleteAccessKey(prod, "bob", k.accessKeyId());
    }
    iam.users().deleteUser(prod, "bob");
    assertThat(services.iamCredentials.find(key.accessKeyId())).isNull();
    assertAwsError(() -> iam.users().getUser(prod, "bob"), "NoSuchEntity");
  }

  @Test
  void aKeyWhoseUserRowIsGone_authenticatesNobody_andTheRootKeyStillTheRoot() {
    iam.users().createUser(prod, "/", "carol");
    AccessKey key = iam.users().createAccessKey(prod, "carol");
    // IAM refuses to delete a user who has keys; only a damaged database has such a key.
    services.db.write(c -> {
      try (var delete = c.prepareStatement("DELETE FROM iam_users WHERE name = 'carol'")) {
        return delete.executeUpdate();
      }
    });
    assertThat(services.iamCredentials.find(key.accessKeyId())).isNull();

    AccessKey root = iam.users().createAccessKey(prod, null);
    assertThat(services.iamCredentials.find(root.accessKeyId()).principal())
        .isEqualTo(new Principal.AccountRoot(PROD));
  }

  @Test
  void identityPolicies_ofARoleSession_areTheRolesNamedForExplanations() {
    Role role = createProdS3Role();
    iam.entityPolicies()
        .putInlinePolicy(prod, EntityKind.ROLE, "prods3role", "extra", ALLOW_ALL_IAM);
    var identities =
        new IamPolicies(
            new ferry.iam.store.UserRepository(services.db),
            new ferry.iam.store.RoleRepository(services.db),
            new ferry.iam.store.GroupRepository(services.db),
            new ferry.iam.store.PolicyRepository(services.db),
            new ferry.iam.store.EntityPolicyRepository(services.db));

    PrincipalPolicies policies =
        identities.policiesOf(
            new Principal.AssumedRole(PROD, "/", "prods3role", role.roleId(), "s1"));

    assertThat(policies.identityPolicies())
        .extracting(PrincipalPolicies.NamedPolicy::name)
        .containsExactly(
            "arn:aws:iam::222222222222:policy/outputbucketdeployaccess",
            "arn:aws:iam::222222222222:policy/devkmss3access",
            "inline policy extra of role prods3role");
    assertThat(policies.identityPolicies().getFirst().document())
        .isEqualTo(GuideDocuments.read("prod/outputbucketdeployaccess.json"));
    assertThat(identities.policiesOf(new Principal.AccountRoot(PROD)).identityPolicies()).isEmpty();
    assertThat(
            identities
                .policiesOf(new Principal.AssumedRole(PROD, "/", "prods3role", "AROAOTHER", "s"))
                .identityPolicies())
        .as("a session of an earlier role of the same name")
        .isEmpty();
  }

  @Test
  void accountAuthorizationDetails_listRolesPoliciesAndUsers() {
    createProdS3Role();
    iam.users().createUser(prod, null, "alice");

    IamAccountDetails.AuthorizationDetails details =
        iam.accountDetails().getAccountAuthorizationDetails(prod, List.of());

    assertThat(details.roles())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.entity().name()).isEqualTo("prods3role");
          assertThat(r.attachedPolicies()).hasSize(2);
        });
    assertThat(details.users()).extracting(u -> u.entity().name()).containsExactly("alice");
    assertThat(details.policies())
        .extracting(p -> p.policy().name())
        .containsExactly("devkmss3access", "outputbucketdeployaccess");
    assertThat(iam.accountDetails().getAccountAuthorizationDetails(prod, List.of("Role")).users())
        .isEmpty();
  }

  @Test
  void getAccountAuthorizationDetails_withAnUnknownFilter_isAValidationError() {
    assertAwsError(
            () ->
                iam.accountDetails().getAccountAuthorizationDetails(prod, List.of("Role", "Roles")),
            "ValidationError")
        .contains("filter")
        .contains("[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]");
    assertThat(iam.accountDetails().getAccountAuthorizationDetails(prod, List.of("Role")).users())
        .isEmpty();
  }

  @Test
  void simulatePrincipalPolicy_reportsTheMatchedStatement_likeTheRealDecision() {
    Role role = createProdS3Role();

    var results =
        services.simulator.simulatePrincipalPolicy(
            prod,
            role.arn(),
            new PolicySimulator.SimulationRequest(
                List.of("s3:PutObject", "s3:DeleteObject"),
                List.of("arn:aws:s3:::codepipeline-output-bucket/index.html"),
                List.of(),
                Map.of()));

    assertThat(results).hasSize(2);
    assertThat(results.get(0).decision()).isEqualTo("allowed");
    assertThat(results.get(0).matchedStatements())
        .containsExactly(
            new PolicySimulator.MatchedStatement("outputbucketdeployaccess", "user-managed"));
    assertThat(results.get(1).decision()).isEqualTo("implicitDeny");
    assertThat(results.get(1).matchedStatements()).isEmpty();
  }

  @Test
  void everything_survivesARestart() {
    createProdS3Role();
    iam.users().createUser(prod, null, "alice");
    AccessKey key = iam.users().createAccessKey(prod, "alice");
    services.close();

    services = new IdentityServices(dir);
    iam = services.iam;
    assertThat(iam.roles().getRole(prod, "prods3role").trustPolicy())
        .isEqualTo(GuideDocuments.read("prod/prods3role-trust.json"));
    assertThat(iam.entityPolicies().listAttachedPolicies(prod, EntityKind.ROLE, "prods3role"))
        .hasSize(2);
    assertThat(iam.users().getUser(prod, "alice").name()).isEqualTo("alice");
    assertThat(services.iamCredentials.find(key.accessKeyId()).secretAccessKey())
        .isEqualTo(key.secretAccessKey());
  }
}
