package ferry.codepipeline.engine;

import ferry.codepipeline.ActionTypeId;

/** Runs actions of one type. */
public interface ActionProvider {
  ActionTypeId type();

  /**
   * Runs the action as {@code job.caller()}, through the same service APIs as any client.
   *
   * @throws ActionFailure when the action fails, with the failure type and message to report
   */
  ActionResult run(ActionJob job) throws ActionFailure;
}
