package ferry.cloudformation;

import static ferry.testing.IdentityServices.DEV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.iam.EntityKind;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StacksTest {
  private static final String TWO_THINGS =
      """
      Resources:
        First:
          Type: Test::Thing::Item
          Properties:
            Name: first
            Value: one
        Second:
          Type: Test::Thing::Item
          Properties:
            Value: !Ref First
      Outputs:
        FirstArn:
          Value: !GetAtt First.Arn
          Export:
            Name: first-arn
      """;

  @TempDir Path dir;
  private IdentityServices services;
  private TestHandlers.Things things;
  private CloudFormationService cloudformation;
  private Caller root;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    things = new TestHandlers.Things();
    cloudformation = service();
    root = services.root(DEV);
  }

  private CloudFormationService service() {
    return new CloudFormationService(
        services.db,
        new ResourceTypes(List.of(things, new TestHandlers.Roles(services.iam))),
        services.authorizer,
        services.sts,
        caller -> name -> name.equals("/ferry/colour") && caller.equals(root) ? "green" : null,
        services.clock);
  }

  @AfterEach
  void stop() {
    cloudformation.close();
    services.close();
  }

  private static StackRequest request(String name, String body) {
    return new StackRequest(name, body, false, List.of(), List.of(), null, null, null, null, null);
  }

  private Stack await(String name) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      Stack stack = cloudformation.stacks().describeStacks(root, name).getFirst();
      if (!stack.status().inProgress()) {
        return stack;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("stack " + name + " did not settle");
  }

  private List<String> events(String name) {
    return cloudformation.stacks().describeStackEvents(root, name).reversed().stream()
        .map(e -> e.logicalId() + " " + e.status())
        .toList();
  }

  @Test
  void create_makesResourcesInDependencyOrder_andExportsOutputs() {
    String stackId = cloudformation.stacks().createStack(root, request("things", TWO_THINGS));

    Stack stack = await("things");

    assertThat(stack.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(stack.stackId())
        .isEqualTo(stackId)
        .startsWith("arn:aws:cloudformation:us-east-1:111111111111:stack/things/");
    assertThat(things.made.get("first").get("Value").asText()).isEqualTo("one");
    assertThat(things.made.values()).anyMatch(p -> p.get("Value").asText().equals("first"));
    assertThat(things.calls).containsExactly("create First", "create Second");
    assertThat(stack.outputs())
        .containsExactly(new StackOutput("FirstArn", "arn:thing:first", null, "first-arn"));
    assertThat(cloudformation.exports().listExports(root))
        .containsExactly(new StackExport("first-arn", "arn:thing:first", stackId));
    assertThat(events("things"))
        .containsExactly(
            "things CREATE_IN_PROGRESS",
            "First CREATE_IN_PROGRESS",
            "First CREATE_IN_PROGRESS",
            "First CREATE_COMPLETE",
            "Second CREATE_IN_PROGRESS",
            "Second CREATE_IN_PROGRESS",
            "Second CREATE_COMPLETE",
            "things CREATE_COMPLETE");
    assertThat(cloudformation.stacks().listStackResources(root, "things"))
        .extracting(StackResource::logicalId, StackResource::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("First", ResourceStatus.CREATE_COMPLETE),
            org.assertj.core.groups.Tuple.tuple("Second", ResourceStatus.CREATE_COMPLETE));
  }

  @Test
  void aFailedResource_rollsTheStackBack_withTheHandlersReason() {
    cloudformation
        .stacks()
        .createStack(
            root,
            request(
                "broken",
                """
                Resources:
                  First:
                    Type: Test::Thing::Item
                    Properties: {Name: kept-until-rollback, Value: one}
                  Second:
                    Type: Test::Thing::Item
                    DependsOn: First
                    Properties: {Value: two, Fail: true}
                """));

    Stack stack = await("broken");

    assertThat(stack.status()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(things.made).isEmpty();
    StackEvent failed =
        cloudformation.stacks().describeStackEvents(root, "broken").stream()
            .filter(e -> e.status().equals("CREATE_FAILED"))
            .findFirst()
            .orElseThrow();
    assertThat(failed.logicalId()).isEqualTo("Second");
    assertThat(failed.statusReason())
        .startsWith(
            "Resource handler returned message: \"The thing refused to be made (Service: Thing,"
                + " Status Code: 400, Request ID: ")
        .endsWith("HandlerErrorCode: InvalidRequest)");
    assertThat(events("broken"))
        .contains(
            "broken ROLLBACK_IN_PROGRESS", "First DELETE_COMPLETE", "broken ROLLBACK_COMPLETE");
    assertThat(
            cloudformation.stacks().describeStackEvents(root, "broken").stream()
                .filter(e -> e.status().equals("ROLLBACK_IN_PROGRESS"))
                .findFirst()
                .orElseThrow()
                .statusReason())
        .isEqualTo(
            "The following resource(s) failed to create: [Second]. Rollback requested by user.");
  }

  @Test
  void disableRollback_leavesWhatWasMade() {
    cloudformation
        .stacks()
        .createStack(
            root,
            new StackRequest(
                "kept",
                """
                Resources:
                  First: {Type: Test::Thing::Item, Properties: {Name: a, Value: one}}
                  Second: {Type: Test::Thing::Item, DependsOn: First, Properties: {Value: x, Fail: true}}
                """,
                false,
                List.of(),
                List.of(),
                null,
                null,
                true,
                null,
                null));

    assertThat(await("kept").status()).isEqualTo(StackStatus.CREATE_FAILED);
    assertThat(things.made).containsOnlyKeys("a");
  }

  @Test
  void anUnknownProperty_failsTheResource_asCloudFormationDoes() {
    cloudformation
        .stacks()
        .createStack(
            root,
            request(
                "unknown",
                """
                Resources:
                  First: {Type: Test::Thing::Item, Properties: {Value: one, Colour: red}}
                """));

    assertThat(await("unknown").status()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(cloudformation.stacks().describeStackResource(root, "unknown", "First"))
        .satisfies(r -> assertThat(r.status()).isEqualTo(ResourceStatus.DELETE_COMPLETE));
    assertThat(
            cloudformation.stacks().describeStackEvents(root, "unknown").stream()
                .filter(e -> e.status().equals("CREATE_FAILED"))
                .map(StackEvent::statusReason))
        .containsExactly("Encountered unsupported property Colour");
    assertThat(things.calls).isEmpty();
  }

  @Test
  void update_inPlace_orByReplacement_asTheSchemaSays() {
    cloudformation.stacks().createStack(root, request("things", TWO_THINGS));
    await("things");
    things.calls.clear();

    cloudformation
        .stacks()
        .updateStack(root, request("things", TWO_THINGS.replace("Value: one", "Value: uno")));
    assertThat(await("things").status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(things.calls).containsExactly("update First");
    assertThat(things.made.get("first").get("Value").asText()).isEqualTo("uno");

    things.calls.clear();
    cloudformation
        .stacks()
        .updateStack(
            root,
            request(
                "things",
                TWO_THINGS
                    .replace("Value: one", "Value: uno")
                    .replace("Name: first", "Name: premier")));
    assertThat(await("things").status()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(things.calls).containsExactly("create First", "update Second", "delete First");
    assertThat(things.made).containsKey("premier").doesNotContainKey("first");
    assertThat(events("things")).contains("things UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
  }

  @Test
  void update_withNothingChanged_isRefused() {
    cloudformation.stacks().createStack(root, request("things", TWO_THINGS));
    await("things");

    assertThatThrownBy(
            () -> cloudformation.stacks().updateStack(root, request("things", TWO_THINGS)))
        .isInstanceOf(AwsException.class)
        .hasMessage("No updates are to be performed.");
  }

  @Test
  void aFailedUpdate_rollsBack_toThePreviousProperties() {
    cloudformation.stacks().createStack(root, request("things", TWO_THINGS));
    await("things");

    cloudformation
        .stacks()
        .updateStack(
            root,
            request(
                "things",
                TWO_THINGS
                    .replace("Value: one", "Value: uno")
                    .replace("Value: !Ref First", "Value: !Ref First\n      Fail: true")));

    Stack stack = await("things");
    assertThat(stack.status()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(things.made.get("first").get("Value").asText()).isEqualTo("one");
    assertThat(events("things")).contains("things UPDATE_ROLLBACK_IN_PROGRESS");
  }

  @Test
  void delete_keepsRetainedResources() {
    cloudformation
        .stacks()
        .createStack(
            root,
            request(
                "retain",
                """
                Resources:
                  Kept:
                    Type: Test::Thing::Item
                    DeletionPolicy: Retain
                    Properties: {Name: kept, Value: one}
                  Gone:
                    Type: Test::Thing::Item
                    Properties: {Name: gone, Value: two}
                """));
    String stackId = await("retain").stackId();

    cloudformation.stacks().deleteStack(root, "retain", null, null);

    assertThat(await(stackId).status()).isEqualTo(StackStatus.DELETE_COMPLETE);
    assertThat(things.made).containsOnlyKeys("kept");
    assertThat(events(stackId)).contains("Kept DELETE_SKIPPED", "Gone DELETE_COMPLETE");
    assertThatThrownBy(() -> cloudformation.stacks().describeStacks(root, "retain"))
        .hasMessage("Stack with id retain does not exist");
  }

  @Test
  void anImportedExport_blocksDeletingItsStack() {
    cloudformation.stacks().createStack(root, request("exporter", TWO_THINGS));
    await("exporter");
    cloudformation
        .stacks()
        .createStack(
            root,
            request(
                "importer",
                """
                Resources:
                  User:
                    Type: Test::Thing::Item
                    Properties: {Value: !ImportValue first-arn}
                """));
    assertThat(await("importer").status()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(cloudformation.exports().listImports(root, "first-arn")).containsExactly("importer");

    cloudformation.stacks().deleteStack(root, "exporter", null, null);

    Stack exporter = await("exporter");
    assertThat(exporter.status()).isEqualTo(StackStatus.DELETE_FAILED);
    assertThat(exporter.statusReason())
        .isEqualTo("Export first-arn cannot be deleted as it is in use by importer");
    assertThat(things.made).containsKey("first");
  }

  @Test
  void namedIamResources_needTheCapability() {
    String template =
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: deployer
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
        """;

    assertThatThrownBy(() -> cloudformation.stacks().createStack(root, request("iam", template)))
        .isInstanceOf(AwsException.class)
        .hasMessage("Requires capabilities : [CAPABILITY_NAMED_IAM]")
        .extracting(e -> ((AwsException) e).code())
        .isEqualTo("InsufficientCapabilitiesException");
    assertThatThrownBy(() -> cloudformation.stacks().describeStacks(root, "iam"))
        .hasMessage("Stack with id iam does not exist");
  }

  @Test
  void aCallerWithoutCreateRole_failsAtTheRole_withAccessDenied() {
    Caller alice =
        user(
            "alice",
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"cloudformation:*","Resource":"*"}]}
            """);
    cloudformation
        .stacks()
        .createStack(
            alice,
            new StackRequest(
                "iam",
                ROLE_TEMPLATE,
                false,
                List.of(),
                List.of("CAPABILITY_NAMED_IAM"),
                null,
                null,
                null,
                null,
                null));

    Stack stack = await("iam");

    assertThat(stack.status()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    String reason =
        cloudformation.stacks().describeStackEvents(root, "iam").stream()
            .filter(e -> e.status().equals("CREATE_FAILED"))
            .findFirst()
            .orElseThrow()
            .statusReason();
    assertThat(reason)
        .startsWith(
            "Resource handler returned message: \"User: arn:aws:iam::111111111111:user/alice is"
                + " not authorized to perform: iam:CreateRole on resource:"
                + " arn:aws:iam::111111111111:role/deployer")
        .contains("(Service: Iam, Status Code: 403, Request ID: d-")
        .endsWith("HandlerErrorCode: AccessDenied)");
    assertThat(services.iam.roles().listRoles(root, null))
        .extracting("name")
        .doesNotContain("deployer");
  }

  @Test
  void withARoleThatMay_theStackSucceeds_andWithoutPassRoleItIsRefused() {
    services
        .iam
        .roles()
        .createRole(
            root,
            new ferry.iam.IamRoles.CreateRoleRequest(
                "cfn-deployer",
                null,
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"cloudformation.amazonaws.com"},"Action":"sts:AssumeRole"}]}
                """,
                null,
                null,
                Map.of(),
                null));
    services
        .iam
        .entityPolicies()
        .putInlinePolicy(
            root,
            EntityKind.ROLE,
            "cfn-deployer",
            "iam",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}
            """);
    String roleArn = "arn:aws:iam::111111111111:role/cfn-deployer";
    Caller withoutPass =
        user(
            "bob",
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"cloudformation:*","Resource":"*"}]}
            """);
    StackRequest withRole =
        new StackRequest(
            "iam",
            ROLE_TEMPLATE,
            false,
            List.of(),
            List.of("CAPABILITY_NAMED_IAM"),
            roleArn,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> cloudformation.stacks().createStack(withoutPass, withRole))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("is not authorized to perform: iam:PassRole on resource: " + roleArn);

    Caller carol =
        user(
            "carol",
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["cloudformation:*","iam:PassRole"],"Resource":"*"}]}
            """);
    cloudformation.stacks().createStack(carol, withRole);
    Stack stack = await("iam");
    assertThat(stack.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(stack.roleArn()).isEqualTo(roleArn);
    assertThat(services.iam.roles().getRole(root, "deployer").name()).isEqualTo("deployer");
  }

  @Test
  void anOperationRunningWhenFerryStopped_endsFailed_onRestart() {
    var stack =
        new Stack(
            "arn:aws:cloudformation:us-east-1:111111111111:stack/cut/1",
            DEV,
            ferry.aws.Region.US_EAST_1,
            "cut",
            StackStatus.CREATE_IN_PROGRESS,
            null,
            TWO_THINGS,
            null,
            List.of(),
            List.of(),
            null,
            Map.of(),
            List.of(),
            false,
            null,
            services.clock.instant(),
            null,
            null);
    new ferry.cloudformation.store.StackRepository(services.db).insert(stack);

    service().recover();

    Stack recovered = cloudformation.stacks().describeStacks(root, "cut").getFirst();
    assertThat(recovered.status()).isEqualTo(StackStatus.CREATE_FAILED);
    assertThat(recovered.statusReason()).contains("interrupted by a restart of Ferry");
  }

  @Test
  void ssmParameters_areReadAsTheCaller_andShownWithTheirResolvedValue() {
    cloudformation
        .stacks()
        .createStack(
            root,
            new StackRequest(
                "ssm",
                """
                Parameters:
                  Colour: {Type: "AWS::SSM::Parameter::Value<String>", Default: /ferry/colour}
                Resources:
                  Thing: {Type: Test::Thing::Item, Properties: {Name: painted, Value: !Ref Colour}}
                """,
                false,
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null));

    Stack stack = await("ssm");

    assertThat(stack.status()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(things.made.get("painted").get("Value").asText()).isEqualTo("green");
    assertThat(stack.parameters())
        .containsExactly(new StackParameter("Colour", "/ferry/colour", "green", false));
    assertThatThrownBy(() ->
            cloudformation
                .stacks()
                .createStack(
                    root,
                    new StackRequest(
                        "ssm-missing",
                        """
                        Parameters:
                          Colour: {Type: "AWS::SSM::Parameter::Value<String>"}
                        Resources:
                          Thing: {Type: Test::Thing::Item, Properties: {Value: !Ref Colour}}
                        """,
                        false,
                        List.of(new StackRequest.ParameterValue("Colour", "/nope", false)),
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null)))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("/nope");
  }

  @Test
  void badTemplates_areValidationErrors_andNothingIsCreated() {
    assertThatThrownBy(
            () -> cloudformation.stacks().createStack(root, request("bad", "Resources: [: oops")))
        .isInstanceOf(AwsException.class)
        .hasMessageStartingWith("Template format error: YAML not well-formed.");
    assertThatThrownBy(() ->
            cloudformation
                .stacks()
                .createStack(
                    root,
                    request("bad", "Resources:\n  X: {Type: AWS::Nope::Thing, Properties: {}}\n")))
        .hasMessage("Template format error: Unrecognized resource types: [AWS::Nope::Thing]");
    assertThatThrownBy(() ->
            cloudformation
                .stacks()
                .createStack(
                    root,
                    request(
                        "bad",
                        """
                        Resources:
                          A: {Type: Test::Thing::Item, Properties: {Value: !Ref B}}
                          B: {Type: Test::Thing::Item, Properties: {Value: !Ref A}}
                        """)))
        .hasMessage("Circular dependency between resources: [A, B]");
    assertThat(cloudformation.stacks().listStacks(root, java.util.Set.of())).isEmpty();
    assertThat(things.calls).isEmpty();
  }

  @Test
  void changeSets_createTheStackInReview_thenExecute_andAnEmptyOneFails() {
    ChangeSet created =
        cloudformation
            .changeSets()
            .createChangeSet(root, request("cs", TWO_THINGS), "first", "CREATE", null, null);

    assertThat(created.status()).isEqualTo("CREATE_COMPLETE");
    assertThat(created.changes()).extracting(ResourceChange::action).containsExactly("Add", "Add");
    assertThat(cloudformation.stacks().describeStacks(root, "cs").getFirst().status())
        .isEqualTo(StackStatus.REVIEW_IN_PROGRESS);

    cloudformation.changeSets().executeChangeSet(root, created.changeSetId(), null, null, null);
    assertThat(await("cs").status()).isEqualTo(StackStatus.CREATE_COMPLETE);

    // The executed change set's name is free again, as the aws CLI's deploy needs.
    ChangeSet sameName =
        cloudformation
            .changeSets()
            .createChangeSet(
                root,
                request("cs", TWO_THINGS.replace("Name: first", "Name: erste")),
                "first",
                "UPDATE",
                null,
                null);
    assertThat(sameName.changeSetId()).isNotEqualTo(created.changeSetId());
    cloudformation.changeSets().deleteChangeSet(root, sameName.changeSetId(), null);

    ChangeSet empty =
        cloudformation
            .changeSets()
            .createChangeSet(root, request("cs", TWO_THINGS), "again", "UPDATE", null, null);
    assertThat(empty.status()).isEqualTo("FAILED");
    assertThat(empty.statusReason())
        .isEqualTo(
            "The submitted information didn't contain changes. Submit different information to"
                + " create a change set.");

    ChangeSet rename =
        cloudformation
            .changeSets()
            .createChangeSet(
                root,
                request("cs", TWO_THINGS.replace("Name: first", "Name: premier")),
                "rename",
                "UPDATE",
                null,
                null);
    assertThat(rename.changes())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.action()).isEqualTo("Modify");
          assertThat(c.logicalId()).isEqualTo("First");
          assertThat(c.replacement()).isEqualTo("True");
          assertThat(c.details().getFirst().requiresRecreation()).isEqualTo("Always");
        });
  }

  @Test
  void aChangeSetRetriedWithItsClientToken_isTheSameChangeSet_anotherTokenIsRefused() {
    ChangeSet first =
        cloudformation
            .changeSets()
            .createChangeSet(root, request("retried", TWO_THINGS), "cs", "CREATE", null, "token-1");
    ChangeSet retried =
        cloudformation
            .changeSets()
            .createChangeSet(root, request("retried", TWO_THINGS), "cs", "CREATE", null, "token-1");
    assertThat(retried.changeSetId()).isEqualTo(first.changeSetId());
    assertThat(cloudformation.changeSets().listChangeSets(root, "retried")).hasSize(1);
    assertThatThrownBy(() ->
            cloudformation
                .changeSets()
                .createChangeSet(
                    root, request("retried", TWO_THINGS), "cs", "CREATE", null, "token-2"))
        .isInstanceOf(AwsException.class)
        .hasMessageContaining("cs");
  }

  private static final String ROLE_TEMPLATE =
      """
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            RoleName: deployer
            AssumeRolePolicyDocument:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: {Service: codepipeline.amazonaws.com}
                  Action: sts:AssumeRole
      """;

  private Caller user(String name, String policy) {
    var user = services.iam.users().createUser(root, null, name);
    services.iam.entityPolicies().putInlinePolicy(root, EntityKind.USER, name, "p", policy);
    return services.as(new Principal.IamUser(DEV, "/", name, user.userId()));
  }
}
