package ferry.codepipeline.engine;

import ferry.codepipeline.store.ExecutionRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A claim fenced by its generation: the execution row counts up at every claim and takeover, so a
 * worker whose claim was taken over — or let go and claimed again by the same process — no longer
 * matches it.
 *
 * <p>Asking the database before every object would cost a round trip each, so the claim is trusted
 * by this node's clock for half a lease after the heartbeat it last saw on the row: another node
 * takes an execution over only once the row's heartbeat is a whole lease old (and a heartbeat never
 * moves backwards), so the other half is the margin for clock skew between nodes and for a stall
 * between a check and the write it guards. A write already under way when its worker stalls may
 * still land; the next one is refused.
 */
final class LeasedClaim implements Claim {
  private final ExecutionRepository executions;
  private final Clock clock;
  private final Duration trusted;
  private final String executionId;
  private final String worker;
  private final long generation;
  private volatile Instant heldUntil;

  LeasedClaim(
      ExecutionRepository executions,
      Clock clock,
      Duration lease,
      String executionId,
      String worker,
      long generation,
      Instant claimed) {
    this.executions = executions;
    this.clock = clock;
    this.trusted = lease.dividedBy(2);
    this.executionId = executionId;
    this.worker = worker;
    this.generation = generation;
    this.heldUntil = claimed.plus(trusted);
  }

  @Override
  public void check() {
    if (clock.instant().isBefore(heldUntil)) {
      return;
    }
    verify();
  }

  /** Asks the database whether the claim still holds; throws {@link ClaimLost} if not. */
  void verify() {
    Instant heartbeat =
        executions
            .heldSince(executionId, worker, generation)
            .orElseThrow(() -> new ClaimLost(executionId));
    heldUntil = heartbeat.plus(trusted);
  }

  String executionId() {
    return executionId;
  }

  long generation() {
    return generation;
  }
}
