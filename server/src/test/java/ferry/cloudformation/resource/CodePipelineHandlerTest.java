package ferry.cloudformation.resource;

import static ferry.cloudformation.resource.TemplateRequests.allow;
import static ferry.cloudformation.resource.TemplateRequests.assertDenied;
import static ferry.cloudformation.resource.TemplateRequests.json;
import static ferry.cloudformation.resource.TemplateRequests.request;
import static ferry.cloudformation.resource.TemplateRequests.userWith;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static ferry.testing.IdentityServices.DEV;
import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import ferry.codepipeline.ActionDeclaration;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineDeclaration;
import ferry.codepipeline.PipelineTag;
import ferry.codepipeline.TransitionState;
import ferry.testing.GuideDocuments;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodePipelineHandlerTest {
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static final String PROD_ROLE = "arn:aws:iam::222222222222:role/prods3role";
  static final String KEY =
      "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /** The guide's pipeline as a template writes it, after step 7 gave Deploy prods3role. */
  static final String GUIDE_PIPELINE =
      """
      {"Name": "crossaccountdeploy",
       "RoleArn": "%s",
       "PipelineType": "V2",
       "ExecutionMode": "SUPERSEDED",
       "ArtifactStore": {"Type": "S3", "Location": "codepipeline-us-east-1-0123456789",
                         "EncryptionKey": {"Id": "%s", "Type": "KMS"}},
       "Stages": [
         {"Name": "Source", "Actions": [{"Name": "Source",
           "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "S3", "Version": "1"},
           "RunOrder": 1,
           "Configuration": {"PollForSourceChanges": false,
                             "S3Bucket": "codepipeline-input-bucket",
                             "S3ObjectKey": "sample-website.zip"},
           "OutputArtifacts": [{"Name": "SourceArtifact"}],
           "Region": "us-east-1", "Namespace": "SourceVariables"}]},
         {"Name": "Deploy", "Actions": [{"Name": "Deploy",
           "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Provider": "S3", "Version": "1"},
           "RunOrder": 1,
           "Configuration": {"BucketName": "codepipeline-output-bucket", "Extract": "true"},
           "InputArtifacts": [{"Name": "SourceArtifact"}],
           "RoleArn": "%s",
           "Region": "us-east-1", "Namespace": "DeployVariables"}]}],
       "Tags": [{"Key": "app", "Value": "site"}]}
      """
          .formatted(SERVICE_ROLE, KEY, PROD_ROLE);

  @TempDir Path dir;
  PipelineServices services;
  Caller dev;
  Caller prod;
  CodePipelineHandler handler;
  IamRoleHandler roles;

  @BeforeEach
  void start() {
    services = new PipelineServices(dir);
    dev = services.identity.root(DEV);
    prod = services.identity.root(PROD);
    handler = new CodePipelineHandler(services.codepipeline, services.tags, services.transitions);
    roles = new IamRoleHandler(services.identity.iam);
  }

  @AfterEach
  void stop() {
    services.close();
  }

  /** Dev's service role (trusting CodePipeline) and prod's prods3role, made by the role handler. */
  private void guideRoles(boolean assumeGrant, String prodTrust, String serviceTrust) {
    String policies =
        "{\"PolicyName\": \"console\", \"PolicyDocument\": "
            + GuideDocuments.read("dev/codepipeline-service-role-policy.json")
            + "}"
            + (assumeGrant
                ? ", {\"PolicyName\": \"assumeprods3role\", \"PolicyDocument\": "
                    + GuideDocuments.read("dev/assumeprods3role.json")
                    + "}"
                : "");
    roles.create(
        request(
            dev,
            "ServiceRole",
            """
            {"RoleName": "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
             "Path": "/service-role/", "AssumeRolePolicyDocument": %s, "Policies": [%s]}
            """
                .formatted(serviceTrust, policies)));
    roles.create(
        request(
            prod,
            "ProdS3Role",
            "{\"RoleName\": \"prods3role\", \"AssumeRolePolicyDocument\": " + prodTrust + "}"));
  }

  private void guideRoles() {
    guideRoles(
        true,
        GuideDocuments.read("prod/prods3role-trust.json"),
        GuideDocuments.read("dev/codepipeline-service-role-trust.json"));
  }

  @Test
  void theGuidesPipeline_isCreatedThroughTheHandler() {
    guideRoles();

    Provisioned pipeline =
        handler.create(request(dev, "Pipeline", GUIDE_PIPELINE, Map.of("stage", "dev")));

    assertThat(pipeline.physicalId()).isEqualTo("crossaccountdeploy");
    assertThat(pipeline.attributes()).containsExactly(Map.entry("Version", "1"));
    PipelineDeclaration saved =
        services.codepipeline.getPipeline(dev, "crossaccountdeploy", null).declaration();
    assertThat(saved.roleArn()).isEqualTo(SERVICE_ROLE);
    assertThat(saved.artifactStore().encryptionKey().id()).isEqualTo(KEY);
    ActionDeclaration source = saved.stages().getFirst().actions().getFirst();
    assertThat(source.configuration())
        .containsEntry("PollForSourceChanges", "false")
        .containsEntry("S3ObjectKey", "sample-website.zip");
    ActionDeclaration deploy = saved.stages().getLast().actions().getFirst();
    assertThat(deploy.roleArn()).isEqualTo(PROD_ROLE);
    assertThat(deploy.namespace()).isEqualTo("DeployVariables");
    assertThat(deploy.inputArtifacts()).containsExactly("SourceArtifact");
    assertThat(
            services.tags.listTagsForResource(
                dev, "arn:aws:codepipeline:us-east-1:111111111111:crossaccountdeploy"))
        .containsExactlyInAnyOrder(new PipelineTag("stage", "dev"), new PipelineTag("app", "site"));
  }

  @Test
  void withoutTheServiceRolesAssumeGrant_theSaveFails_andNothingIsSaved() {
    guideRoles(
        false,
        GuideDocuments.read("prod/prods3role-trust.json"),
        GuideDocuments.read("dev/codepipeline-service-role-trust.json"));

    assertAwsError(
            () -> handler.create(request(dev, "Pipeline", GUIDE_PIPELINE)),
            "InvalidStructureException")
        .isEqualTo(SERVICE_ROLE + " is not authorized to perform AssumeRole on role " + PROD_ROLE);
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void whenProdS3RoleDoesNotTrustTheServiceRole_theSaveFails_andNothingIsSaved() {
    guideRoles(
        true,
        GuideDocuments.read("dev/codepipeline-service-role-trust.json"),
        GuideDocuments.read("dev/codepipeline-service-role-trust.json"));

    assertAwsError(
            () -> handler.create(request(dev, "Pipeline", GUIDE_PIPELINE)),
            "InvalidStructureException")
        .isEqualTo(SERVICE_ROLE + " is not authorized to perform AssumeRole on role " + PROD_ROLE);
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void whenTheServiceRoleDoesNotTrustCodePipeline_theSaveFails() {
    guideRoles(
        true,
        GuideDocuments.read("prod/prods3role-trust.json"),
        GuideDocuments.read("dev/codepipeline-service-role-trust.json")
            .replace("codepipeline.amazonaws.com", "events.amazonaws.com"));

    assertAwsError(
            () -> handler.create(request(dev, "Pipeline", GUIDE_PIPELINE)),
            "InvalidStructureException")
        .isEqualTo("CodePipeline is not authorized to perform AssumeRole on role " + SERVICE_ROLE);
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void callerWithoutPassRole_isDenied_andNothingIsSaved() {
    guideRoles();
    Caller deployer = userWith(services.identity.iam, dev, "deployer", allow("codepipeline:*"));

    var denied =
        assertDenied(
            () -> handler.create(request(deployer, "Pipeline", GUIDE_PIPELINE)),
            "AccessDeniedException");

    assertThat(denied.getMessage()).contains("iam:PassRole").contains(SERVICE_ROLE);
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void callerWithoutCreatePipeline_isDenied() {
    guideRoles();
    Caller deployer = userWith(services.identity.iam, dev, "deployer", allow("iam:PassRole"));

    var denied =
        assertDenied(
            () -> handler.create(request(deployer, "Pipeline", GUIDE_PIPELINE)),
            "AccessDeniedException");

    assertThat(denied.getMessage()).contains("codepipeline:CreatePipeline");
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void update_savesTheNextVersion_andChangesTagsAndTransitions() {
    guideRoles();
    Provisioned pipeline = handler.create(request(dev, "Pipeline", GUIDE_PIPELINE));
    String wanted =
        GUIDE_PIPELINE
            .replace("\"Extract\": \"true\"", "\"Extract\": \"false\", \"ObjectKey\": \"site.zip\"")
            .replace(
                "\"Tags\": [{\"Key\": \"app\", \"Value\": \"site\"}]",
                "\"Tags\": [{\"Key\": \"owner\", \"Value\": \"web\"}],"
                    + " \"DisableInboundStageTransitions\":"
                    + " [{\"StageName\": \"Deploy\", \"Reason\": \"release freeze\"}]");

    Provisioned updated =
        handler.update(request(dev, "Pipeline", wanted), pipeline, json(GUIDE_PIPELINE));

    assertThat(updated.physicalId()).isEqualTo("crossaccountdeploy");
    assertThat(updated.attributes()).containsEntry("Version", "2");
    Pipeline saved = services.codepipeline.getPipeline(dev, "crossaccountdeploy", null);
    assertThat(saved.declaration().stages().getLast().actions().getFirst().configuration())
        .containsEntry("Extract", "false");
    assertThat(services.tags.listTagsForResource(dev, saved.arn()))
        .containsExactly(new PipelineTag("owner", "web"));
    TransitionState deploy = services.transitions.inbound(saved).get("Deploy");
    assertThat(deploy.enabled()).isFalse();
    assertThat(deploy.disabledReason()).isEqualTo("release freeze");

    Provisioned again = handler.update(request(dev, "Pipeline", wanted), updated, json(wanted));
    assertThat(again.attributes())
        .as("nothing changed, no new version")
        .containsEntry("Version", "2");
  }

  @Test
  void restartExecutionOnUpdate_startsAnExecution_andWithoutItNoneStarts() {
    guideRoles();
    Provisioned pipeline = handler.create(request(dev, "Pipeline", GUIDE_PIPELINE));
    String changed =
        GUIDE_PIPELINE.replace(
            "\"Extract\": \"true\"", "\"Extract\": \"true\", \"CannedACL\": \"private\"");

    pipeline = handler.update(request(dev, "Pipeline", changed), pipeline, json(GUIDE_PIPELINE));
    assertThat(services.codepipeline.listPipelineExecutions(dev, "crossaccountdeploy"))
        .as("CreatePipeline's execution only")
        .hasSize(1);
    String restart = changed.replace("\"Tags\":", "\"RestartExecutionOnUpdate\": true, \"Tags\":");
    handler.update(request(dev, "Pipeline", restart), pipeline, json(changed));

    assertThat(services.codepipeline.listPipelineExecutions(dev, "crossaccountdeploy")).hasSize(2);
  }

  @Test
  void delete_removesThePipeline_andAGonePipelineDeletesFine() {
    guideRoles();
    Provisioned pipeline = handler.create(request(dev, "Pipeline", GUIDE_PIPELINE));

    handler.delete(request(dev, "Pipeline", GUIDE_PIPELINE), pipeline);
    handler.delete(request(dev, "Pipeline", GUIDE_PIPELINE), pipeline);

    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void withoutName_aNameIsGenerated() {
    guideRoles();

    Provisioned pipeline =
        handler.create(
            request(
                dev, "Pipeline", GUIDE_PIPELINE.replace("\"Name\": \"crossaccountdeploy\",", "")));

    assertThat(pipeline.physicalId()).matches("dev-Pipeline-[A-Z0-9]{12}");
  }

  @Test
  void whatFerryDoesNotSupport_isRefused_andNothingIsSaved() {
    guideRoles();

    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Pipeline",
                        GUIDE_PIPELINE.replace(
                            "\"RunOrder\": 1,", "\"RunOrder\": 1, \"Commands\": [\"make\"],"))),
            "InvalidRequest")
        .isEqualTo(
            "Resource Pipeline of type AWS::CodePipeline::Pipeline sets Stages/0/Actions/0/Commands,"
                + " which Ferry does not support");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Pipeline",
                        GUIDE_PIPELINE.replace(
                            "{\"Name\": \"Deploy\",",
                            "{\"Name\": \"Deploy\", \"OnFailure\": {\"Result\": \"ROLLBACK\"},"))),
            "InvalidRequest")
        .contains("Stages/1/OnFailure");
    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Pipeline",
                        GUIDE_PIPELINE.replace(
                            "\"Tags\":",
                            "\"Triggers\": [{\"ProviderType\": \"CodeStarSourceConnection\"}],"
                                + " \"Tags\":"))),
            "InvalidStructureException")
        .contains("Triggers");
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void aKeyTheSchemaDoesNotDeclare_isRefused_notIgnored() {
    guideRoles();

    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Pipeline",
                        GUIDE_PIPELINE.replace(
                            "\"RunOrder\": 1,", "\"RunOrder\": 1, \"Timeout\": 5,"))),
            "InvalidRequest")
        .isEqualTo(
            "Properties validation failed for resource Pipeline with message:"
                + " #/Stages/0/Actions/0: extraneous key [Timeout] is not permitted");
    assertThat(services.codepipeline.listPipelines(dev)).isEmpty();
  }

  @Test
  void anInvalidStructure_isCodePipelinesError() {
    guideRoles();

    assertAwsError(
            () ->
                handler.create(
                    request(
                        dev,
                        "Pipeline",
                        GUIDE_PIPELINE.replace(
                            "\"ExecutionMode\": \"SUPERSEDED\"", "\"ExecutionMode\": \"LATEST\""))),
            "InvalidRequest")
        .endsWith("#/ExecutionMode: LATEST is not a valid enum value");
    assertAwsError(
        () ->
            handler.create(
                request(dev, "Pipeline", GUIDE_PIPELINE.replace("\"S3ObjectKey\"", "\"Key\""))),
        "InvalidActionDeclarationException");
  }
}
