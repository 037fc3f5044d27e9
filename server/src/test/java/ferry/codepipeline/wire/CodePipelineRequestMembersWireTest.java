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
import software.amazon.awssdk.services.codepipeline.model.InvalidNextTokenException;
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
  void createPipeline_withTags_isRefused_andNoPipelineIsMade() {
    ValidationException error =
        refused(() ->
            codepipeline.createPipeline(c ->
                c.tags(Tag.builder().key("team").value("web").build())
                    .pipeline(p ->
                        p.name("tagged")
                            .roleArn(SERVICE_ROLE)
                            .artifactStore(a -> a.type("S3").location("artifacts"))
                            .stages(stage("Source", "Source", "S3")))));
    assertThat(error.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter tags of CreatePipeline.");
    assertThat(codepipeline.listPipelines().pipelines()).isEmpty();
  }

  @Test
  void listExecutionFilters_thatFerryCannotApply_areRefused() {
    ValidationException executions =
        refused(() ->
            codepipeline.listPipelineExecutions(l ->
                l.pipelineName("any").filter(f -> f.succeededInStage(s -> s.stageName("Deploy")))));
    assertThat(executions.awsErrorDetails().errorMessage())
        .isEqualTo("Ferry does not support the parameter filter of ListPipelineExecutions.");

    ValidationException actions =
        refused(() ->
            codepipeline.listActionExecutions(l ->
                l.pipelineName("any")
                    .filter(f ->
                        f.latestInPipelineExecution(
                            e -> e.pipelineExecutionId("x").startTimeRange("Latest")))));
    assertThat(actions.awsErrorDetails().errorMessage())
        .isEqualTo(
            "Ferry does not support the parameter filter.latestInPipelineExecution of"
                + " ListActionExecutions.");
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
