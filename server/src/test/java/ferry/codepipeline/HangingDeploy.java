package ferry.codepipeline;

import ferry.codepipeline.engine.ActionFailure;
import ferry.codepipeline.engine.ActionJob;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.ActionResult;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An S3 deploy that hangs until {@link #release()}, then fails with {@code failure}: an action a
 * test catches in flight, as a process that is killed, a node that is lost or an engine that closes
 * would leave it.
 */
final class HangingDeploy implements ActionProvider {
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final String failure;

  HangingDeploy(String failure) {
    this.failure = failure;
  }

  @Override
  public ActionTypeId type() {
    return ActionTypeId.S3_DEPLOY;
  }

  @Override
  public ActionResult run(ActionJob job) throws ActionFailure {
    entered.countDown();
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw ActionFailure.jobFailed(failure);
  }

  /** Whether an execution reached the deploy within {@code timeout}. */
  boolean entered(Duration timeout) throws InterruptedException {
    return entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void release() {
    released.countDown();
  }
}
