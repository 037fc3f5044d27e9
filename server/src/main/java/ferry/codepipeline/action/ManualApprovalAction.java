package ferry.codepipeline.action;

import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.engine.ActionJob;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.ActionResult;

/** A manual approval: it waits, in progress, until PutApprovalResult approves or rejects it. */
public final class ManualApprovalAction implements ActionProvider {
  @Override
  public ActionTypeId type() {
    return ActionTypeId.MANUAL_APPROVAL;
  }

  @Override
  public ActionResult run(ActionJob job) {
    return ActionResult.awaitApproval();
  }
}
