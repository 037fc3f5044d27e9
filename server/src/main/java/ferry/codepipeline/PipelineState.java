package ferry.codepipeline;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * GetPipelineState's answer: per stage of the current version, the latest execution that entered it
 * and the latest execution of each of its actions.
 */
public record PipelineState(Pipeline pipeline, List<StageState> stages) {
  public PipelineState {
    stages = List.copyOf(stages);
  }

  /** A stage's latest execution, with that execution's status. */
  public record StageState(
      String stageName, @Nullable StageExecution latest, List<ActionState> actions) {
    public StageState {
      actions = List.copyOf(actions);
    }
  }

  /** An action's latest execution. */
  public record ActionState(String actionName, @Nullable ActionExecution latest) {}
}
