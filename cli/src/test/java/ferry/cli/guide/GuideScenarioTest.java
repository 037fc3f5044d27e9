package ferry.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

class GuideScenarioTest {

  private static GuideOutcome.ActionTiming ran(String stage, String action) {
    return new GuideOutcome.ActionTiming(stage, action, "Succeeded", Duration.ZERO, "");
  }

  private static StageDeclaration stage(String name, ActionDeclaration... actions) {
    return StageDeclaration.builder().name(name).actions(actions).build();
  }

  private static ActionDeclaration action(String name, int runOrder) {
    return ActionDeclaration.builder().name(name).runOrder(runOrder).build();
  }

  @Test
  void report_listsActionsInPipelineOrder_notNewestFirstAsListActionExecutionsAnswers() {
    PipelineDeclaration pipeline =
        PipelineDeclaration.builder()
            .stages(
                stage("Source", action("Source", 1)),
                stage("Deploy", action("Approve", 2), action("Deploy", 1)))
            .build();
    List<GuideOutcome.ActionTiming> newestFirst =
        List.of(
            ran("Deploy", "Approve"),
            ran("Deploy", "Deploy"),
            ran("Gone", "Gone"),
            ran("Source", "Source"));

    assertThat(GuideScenario.inPipelineOrder(newestFirst, pipeline))
        .containsExactly(
            ran("Source", "Source"),
            ran("Deploy", "Deploy"),
            ran("Deploy", "Approve"),
            ran("Gone", "Gone"));
  }
}
