package ferry.codepipeline.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.InvalidArnException;
import software.amazon.awssdk.services.codepipeline.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codepipeline.model.InvalidTagsException;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.codepipeline.model.Tag;
import software.amazon.awssdk.services.codepipeline.model.ValidationException;

/**
 * Every member of an implemented CodePipeline operation is applied as AWS documents it, or the
 * request is refused: none is silently ignored.
 */
class CodePipelineRequestMembersWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final String SERVICE_ROLE =
      "arn:aws:iam::111111111111:role/service-role/AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy";
  static CodePipelineClient codepipeline;

  @BeforeAll
  static void start() {
    codepipeline =
        CodePipelineClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
  }

  @AfterAll
  static void stop() {
    codepipeline.close();
  }

  private static ValidationException refused(Runnable call) {
    ValidationException error = catchThrowableOfType(ValidationException.class, call::run);
    assertThat(error).as("the request was refused").isNotNull();
    assertThat(error.statusCode()).isEqualTo(400);
    return error;
  }

  private static StageDeclaration stage(String name, String category, String provider) {
    return StageDeclaration.builder()
        .name(name)
        .actions(
            ActionDeclaration.builder()
                .name(name)
                .actionTypeId(
                    t -> t.category(category).owner("AWS").provider(provider).version("1"))
                .configuration(Map.of("S3Bucket", "b", "S3ObjectKey", "k"))
                .build())
        .build();
  }

  @Test
  void createPipeline_withBadTags_isInvalidTags_andNoPipelineIsMade() {
    InvalidTagsException error =
        catchThrowableOfType(
            InvalidTagsException.class,
            () ->
                codepipeline.createPipeline(c ->
                    c.tags(
                            Tag.builder().key("team").value("web").build(),
                            Tag.builder().key("team").value("ops").build())
                        .pipeline(p ->
                            p.name("tagged")
                                .roleArn(SERVICE_ROLE)
                                .artifactStore(a -> a.type("S3").location("artifacts"))
                                .stages(stage("Source", "Source", "S3")))));
    assertThat(error).isNotNull();
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Tag key 'team' appears more than once in the request");
    assertThat(codepipeline.listPipelines().pipelines()).isEmpty();
  }

  @Test
  void listFilters_tagsAndTransitions_onAMissingPipeline_sayItIsMissing() {
    String arn = "arn:aws:codepipeline:us-east-1:111111111111:any";
    assertThat(
            catchThrowableOfType(
                PipelineNotFoundException.class,
                () ->
                    codepipeline.listPipelineExecutions(l ->
                        l.pipelineName("any")
                            .filter(f -> f.succeededInStage(s -> s.stageName("Deploy"))))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                PipelineNotFoundException.class,
                () ->
                    codepipeline.listActionExecutions(l ->
                        l.pipelineName("any")
                            .filter(f ->
                                f.latestInPipelineExecution(e ->
                                    e.pipelineExecutionId("00000000-0000-0000-0000-000000000000")
                                        .startTimeRange("Latest"))))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                PipelineNotFoundException.class,
                () ->
                    codepipeline.disableStageTransition(d ->
                        d.pipelineName("any")
                            .stageName("Deploy")
                            .transitionType("Inbound")
                            .reason("freeze"))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> codepipeline.listTagsForResource(l -> l.resourceArn(arn))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                ResourceNotFoundException.class,
                () ->
                    codepipeline.tagResource(
                        t -> t.resourceArn(arn).tags(Tag.builder().key("a").value("b").build()))))
        .isNotNull();
    assertThat(
            catchThrowableOfType(
                InvalidArnException.class,
                () ->
                    codepipeline.untagResource(u ->
                        u.resourceArn("arn:aws:codepipeline:us-east-1:111111111111").tagKeys("a"))))
        .isNotNull();
  }

  @Test
  void listActionTypes_validatesItsOwnerFilterAndToken() {
    assertThat(
            refused(() -> codepipeline.listActionTypes(l -> l.actionOwnerFilter("Nobody")))
                .awsErrorDetails()
                .errorMessage())
        .contains("'actionOwnerFilter' failed to satisfy constraint");
    assertThat(
            catchThrowableOfType(
                InvalidNextTokenException.class,
                () -> codepipeline.listActionTypes(l -> l.nextToken("bogus"))))
        .isNotNull();
    assertThat(codepipeline.listActionTypes(l -> l.actionOwnerFilter("AWS")).actionTypes())
        .hasSize(3);
  }
}
