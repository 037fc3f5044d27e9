package ferry.cloudformation.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** CloudFormation through the AWS SDK for Java v2, against a running Ferry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CloudFormationWireTest {
  private static final String TEMPLATE =
      """
      Description: one bucket
      Parameters:
        Name: {Type: String, Default: wire-bucket, AllowedValues: [wire-bucket, other-bucket]}
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
          Properties:
            BucketName: !Ref Name
      Outputs:
        BucketArn:
          Value: !GetAtt Bucket.Arn
          Export: {Name: !Sub "${AWS::StackName}-bucket-arn"}
      """;

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  private CloudFormationClient cloudformation;

  @BeforeAll
  void client() {
    cloudformation =
        CloudFormationClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
  }

  @AfterAll
  void close() {
    cloudformation.close();
  }

  private Stack await(String name) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      Stack stack = cloudformation.describeStacks(d -> d.stackName(name)).stacks().getFirst();
      if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS")
          || Instant.now().isAfter(deadline)) {
        return stack;
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void aStack_isCreated_described_andDeleted() {
    String stackId =
        cloudformation.createStack(c -> c.stackName("wire").templateBody(TEMPLATE)).stackId();
    assertThat(stackId).startsWith("arn:aws:cloudformation:us-east-1:111111111111:stack/wire/");

    Stack stack = await("wire");
    assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(stack.description()).isEqualTo("one bucket");
    assertThat(stack.parameters().getFirst().parameterValue()).isEqualTo("wire-bucket");
    assertThat(stack.outputs().getFirst().outputValue()).isEqualTo("arn:aws:s3:::wire-bucket");
    assertThat(stack.outputs().getFirst().exportName()).isEqualTo("wire-bucket-arn");
    assertThat(ferry.s3("dev").headBucket(h -> h.bucket("wire-bucket"))).isNotNull();
    assertThat(cloudformation.describeStackEvents(d -> d.stackName("wire")).stackEvents())
        .first()
        .satisfies(e -> assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_COMPLETE"));
    assertThat(cloudformation.listStackResources(l -> l.stackName("wire")).stackResourceSummaries())
        .singleElement()
        .satisfies(r -> assertThat(r.physicalResourceId()).isEqualTo("wire-bucket"));
    assertThat(
            cloudformation
                .describeStackResource(d -> d.stackName("wire").logicalResourceId("Bucket"))
                .stackResourceDetail()
                .resourceType())
        .isEqualTo("AWS::S3::Bucket");
    assertThat(cloudformation.getTemplate(g -> g.stackName("wire")).templateBody())
        .isEqualTo(TEMPLATE);
    assertThat(cloudformation.getStackPolicy(g -> g.stackName("wire")).stackPolicyBody()).isNull();
    assertThat(cloudformation.listExports().exports())
        .anySatisfy(e -> {
          assertThat(e.name()).isEqualTo("wire-bucket-arn");
          assertThat(e.exportingStackId()).isEqualTo(stackId);
        });

    cloudformation.deleteStack(d -> d.stackName("wire"));
    assertThat(await(stackId).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    assertThatThrownBy(() -> cloudformation.describeStacks(d -> d.stackName("wire")))
        .isInstanceOfSatisfying(
            CloudFormationException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("Stack with id wire does not exist");
            });
    assertThat(cloudformation.listStacks().stackSummaries())
        .anySatisfy(s -> assertThat(s.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE));
  }

  @Test
  void templates_areValidated_andSummarized() {
    var validated = cloudformation.validateTemplate(v -> v.templateBody(TEMPLATE));
    assertThat(validated.description()).isEqualTo("one bucket");
    assertThat(validated.parameters().getFirst().defaultValue()).isEqualTo("wire-bucket");
    var summary = cloudformation.getTemplateSummary(g -> g.templateBody(TEMPLATE));
    assertThat(summary.resourceTypes()).containsExactly("AWS::S3::Bucket");
    assertThat(summary.parameters().getFirst().parameterConstraints().allowedValues())
        .containsExactly("wire-bucket", "other-bucket");
    assertThatThrownBy(() -> cloudformation.validateTemplate(v -> v.templateBody("{")))
        .isInstanceOfSatisfying(
            CloudFormationException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
  }

  @Test
  void namedIamResources_withoutTheCapability_areRefused() {
    String role =
        """
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              RoleName: wire-role
              AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: []}
        """;
    assertThatThrownBy(
            () -> cloudformation.createStack(c -> c.stackName("wire-iam").templateBody(role)))
        .isInstanceOfSatisfying(
            InsufficientCapabilitiesException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("Requires capabilities : [CAPABILITY_NAMED_IAM]"));
    assertThatThrownBy(() ->
            cloudformation.createStack(c ->
                c.stackName("wire-iam").templateBody(role).capabilities(Capability.CAPABILITY_IAM)))
        .isInstanceOf(InsufficientCapabilitiesException.class);
  }

  @Test
  void changeSets_areCreated_described_andExecuted() {
    String id =
        cloudformation
            .createChangeSet(c ->
                c.stackName("wire-cs")
                    .changeSetName("first")
                    .changeSetType(ChangeSetType.CREATE)
                    .templateBody(TEMPLATE)
                    .parameters(
                        Parameter.builder()
                            .parameterKey("Name")
                            .parameterValue("other-bucket")
                            .build()))
            .id();
    var described = cloudformation.describeChangeSet(d -> d.changeSetName(id));
    assertThat(described.statusAsString()).isEqualTo("CREATE_COMPLETE");
    assertThat(described.executionStatusAsString()).isEqualTo("AVAILABLE");
    assertThat(described.changes())
        .singleElement()
        .satisfies(c -> assertThat(c.resourceChange().actionAsString()).isEqualTo("Add"));
    assertThat(cloudformation.listChangeSets(l -> l.stackName("wire-cs")).summaries()).hasSize(1);
    assertThat(await("wire-cs").stackStatus()).isEqualTo(StackStatus.REVIEW_IN_PROGRESS);

    cloudformation.executeChangeSet(e -> e.changeSetName("first").stackName("wire-cs"));
    assertThat(await("wire-cs").stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(ferry.s3("dev").headBucket(h -> h.bucket("other-bucket"))).isNotNull();

    String renamed =
        cloudformation
            .createChangeSet(c ->
                c.stackName("wire-cs")
                    .changeSetName("rename")
                    .templateBody(TEMPLATE)
                    .clientToken("rename-1")
                    .parameters(
                        Parameter.builder()
                            .parameterKey("Name")
                            .parameterValue("wire-bucket")
                            .build()))
            .id();
    var withValues =
        cloudformation
            .describeChangeSet(d -> d.changeSetName(renamed).includePropertyValues(true))
            .changes()
            .getFirst()
            .resourceChange();
    assertThat(withValues.replacementAsString()).isEqualTo("True");
    assertThat(withValues.beforeContext()).contains("other-bucket");
    assertThat(withValues.afterContext()).contains("wire-bucket");
    var target = withValues.details().getFirst().target();
    assertThat(target.path()).isEqualTo("/Properties/BucketName");
    assertThat(target.beforeValue()).isEqualTo("other-bucket");
    assertThat(target.afterValue()).isEqualTo("wire-bucket");
    assertThat(target.attributeChangeTypeAsString()).isEqualTo("Modify");
    var withoutValues =
        cloudformation.describeChangeSet(d -> d.changeSetName(renamed)).changes().getFirst();
    assertThat(withoutValues.resourceChange().beforeContext()).isNull();
    assertThat(withoutValues.resourceChange().details().getFirst().target().beforeValue()).isNull();
  }

  @Test
  void membersFerryDoesNotActOn_areRefused_andNothingIsStored() {
    assertThatThrownBy(() ->
            cloudformation.createStack(c ->
                c.stackName("wire-refused")
                    .templateBody(TEMPLATE)
                    .notificationARNs("arn:aws:sns:us-east-1:111111111111:topic")))
        .isInstanceOfSatisfying(
            CloudFormationException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
              assertThat(e.awsErrorDetails().errorMessage()).contains("NotificationARNs");
            });
    assertThatThrownBy(() -> cloudformation.describeStacks(d -> d.stackName("wire-refused")))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> cloudformation.listStackSets())
        .isInstanceOfSatisfying(
            CloudFormationException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction"));
  }
}
