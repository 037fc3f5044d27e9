package ferry.codepipeline.engine;

import ferry.aws.AccountId;
import ferry.aws.Region;
import org.jspecify.annotations.Nullable;

/**
 * Hears that an execution, one of its stages or one of its actions changed status, as the engine
 * writes it; for watchers such as the console's live pipeline page. Listeners run on the engine's
 * thread and must only hand the change on.
 */
@FunctionalInterface
public interface ExecutionEvents {
  void changed(Change change);

  /**
   * One status change: the execution's when {@code stageName} is null, a stage's when {@code
   * actionName} is null, otherwise an action's.
   */
  record Change(
      AccountId account,
      Region region,
      String pipelineName,
      String executionId,
      @Nullable String stageName,
      @Nullable String actionName,
      String status) {}
}
