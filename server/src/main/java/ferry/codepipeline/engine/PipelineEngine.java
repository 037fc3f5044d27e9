package ferry.codepipeline.engine;

import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ErrorDetails;
import ferry.codepipeline.PipelineExecution;
import ferry.codepipeline.PipelineRoles;
import ferry.codepipeline.store.ExecutionRepository;
import ferry.codepipeline.store.PipelineRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs executions. Each execution is claimed by one worker (this process, on one of the nodes
 * sharing the database) with a conditional row update and run on a virtual thread; the worker
 * renews its lease, a heartbeat every quarter of the lease, while it holds executions. An execution
 * whose worker stopped beating for a whole lease — a Ferry that was killed, or a node that was lost
 * — is taken by exactly one other worker and recovered: its in-flight actions fail with the
 * "interrupted" error, so nothing stays InProgress, and RetryStageExecution runs them again.
 * Failing rather than running the action again is what CodePipeline does with a job whose worker
 * stops reporting: a deploy half done is never silently repeated.
 */
public final class PipelineEngine implements AutoCloseable {
  /** The error of an action that was running when its Ferry process stopped. */
  public static final String INTERRUPTED =
      "The action was interrupted by a restart of Ferry, or the loss of the Ferry node running"
          + " it, before it completed; its outcome is unknown. Retry the stage to run it again.";

  private static final System.Logger LOG = System.getLogger(PipelineEngine.class.getName());

  private final PipelineRepository pipelines;
  private final ExecutionRepository executions;
  private final PipelineRoles roles;
  private final Map<ActionTypeId, ActionProvider> providers;
  private final Clock clock;
  private final Duration lease;
  // Unique per process, even when a node restarts under the same node id: a restarted node must
  // not renew the claims its previous process left behind, or they would never be recovered.
  private final String worker;
  // The claim each execution runs under here: a runner that lost its claim and ends late must not
  // take out the entry of a later claim of the same execution in this process.
  private final Map<String, LeasedClaim> running = new ConcurrentHashMap<>();
  // Runners not yet finished, counted until after their claim's release is written: awaitIdle
  // must not return while a runner still has a write to make, which running alone cannot tell.
  private final AtomicInteger unfinished = new AtomicInteger();
  private final List<ExecutionEvents> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private Thread housekeeping;
  private @Nullable Thread heartbeat;

  public PipelineEngine(
      PipelineRepository pipelines,
      ExecutionRepository executions,
      PipelineRoles roles,
      List<ActionProvider> providers,
      Clock clock,
      Duration lease) {
    this(pipelines, executions, roles, providers, clock, lease, "ferry");
  }

  /**
   * @param lease how long a worker's claims outlive its last heartbeat before another takes them
   * @param node the node id, which the worker id starts with
   */
  public PipelineEngine(
      PipelineRepository pipelines,
      ExecutionRepository executions,
      PipelineRoles roles,
      List<ActionProvider> providers,
      Clock clock,
      Duration lease,
      String node) {
    this.worker = node + "/" + UUID.randomUUID();
    this.pipelines = pipelines;
    this.executions = executions;
    this.roles = roles;
    this.providers =
        providers.stream().collect(Collectors.toMap(ActionProvider::type, Function.identity()));
    this.clock = clock;
    this.lease = lease;
    this.housekeeping = Thread.ofVirtual().unstarted(this::houseKeep);
  }

  /** Recovers what a stopped process left behind, then keeps doing so in the background. */
  public void start() {
    recoverAbandoned(clock.instant().minus(lease));
    claimUnclaimed();
    housekeeping = Thread.ofPlatform().name("codepipeline-engine").daemon().start(this::houseKeep);
    // A thread of its own, so that recovering or claiming many executions never delays the beat
    // past the lease, which would let another node take over executions this one is running.
    heartbeat = Thread.ofPlatform().name("codepipeline-heartbeat").daemon().start(this::beat);
  }

  private void beat() {
    long pause = Math.max(50, lease.toMillis() / 4);
    while (!closed) {
      try {
        Thread.sleep(pause);
        if (!running.isEmpty()) {
          executions.heartbeat(worker, clock.instant());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Pipeline engine heartbeat failed", e);
      }
    }
  }

  /** Claims an execution and runs it, unless another worker already has it. */
  public void run(String executionId) {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    OptionalLong generation = executions.claim(executionId, worker, now);
    if (generation.isEmpty()) {
      return;
    }
    var claim =
        new LeasedClaim(executions, clock, lease, executionId, worker, generation.getAsLong(), now);
    running.put(executionId, claim);
    unfinished.incrementAndGet();
    Thread.ofVirtual()
        .name("execution-" + executionId)
        .start(() -> {
          try {
            new ExecutionRunner(this, claim).run();
          } catch (ClaimLost e) {
            // Another worker took the execution over and reports it; this one writes nothing more.
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; stopped running it");
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Execution " + executionId + " failed", e);
            if (holds(claim)) {
              fail(executionId, new ErrorDetails("JobFailed", "Internal error: " + e.getMessage()));
            }
          } finally {
            running.remove(executionId, claim);
            try {
              executions.release(executionId, worker, claim.generation());
            } finally {
              unfinished.decrementAndGet();
            }
          }
        });
  }

  private static boolean holds(LeasedClaim claim) {
    try {
      claim.verify();
      return true;
    } catch (ClaimLost e) {
      return false;
    }
  }

  /**
   * Tells {@code listener} of every status change from now until the returned handle is closed.
   * With no listener the engine does no more than check an empty list.
   */
  public AutoCloseable listen(ExecutionEvents listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  boolean listening() {
    return !listeners.isEmpty();
  }

  void publish(
      PipelineExecution execution,
      @Nullable String stageName,
      @Nullable String actionName,
      String status) {
    if (listeners.isEmpty()) {
      return;
    }
    var change =
        new ExecutionEvents.Change(
            execution.account(),
            execution.region(),
            execution.pipelineName(),
            execution.id(),
            stageName,
            actionName,
            status);
    for (ExecutionEvents listener : listeners) {
      try {
        listener.changed(change);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "An execution listener failed", e);
      }
    }
  }

  /** Tells the listeners where an execution now stands, after a change made outside a runner. */
  public void publishExecution(String executionId) {
    if (!listeners.isEmpty()) {
      executions.find(executionId).ifPresent(e -> publish(e, null, null, e.status().wireName()));
    }
  }

  /** Ends an execution's in-flight work as failed, with the error on each in-flight action. */
  void fail(String executionId, ErrorDetails error) {
    executions.end(executionId, ExecutionRepository.Ending.failed(error), clock.instant());
    publishExecution(executionId);
  }

  private void houseKeep() {
    long pause = Math.max(50, lease.toMillis() / 4);
    while (!closed) {
      try {
        Thread.sleep(pause);
        Instant now = clock.instant();
        recoverAbandoned(now.minus(lease));
        claimUnclaimed();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Pipeline engine housekeeping failed", e);
      }
    }
  }

  private void recoverAbandoned(Instant cutoff) {
    for (String id : executions.abandonedBefore(cutoff)) {
      if (running.containsKey(id) || !executions.takeOver(id, worker, cutoff, clock.instant())) {
        continue;
      }
      LOG.log(System.Logger.Level.INFO, "Execution {0} lost its worker; failing it", id);
      fail(id, new ErrorDetails("JobFailed", INTERRUPTED));
      executions.releaseAny(id);
    }
  }

  private void claimUnclaimed() {
    for (String id : executions.unclaimed()) {
      run(id);
    }
  }

  /** Whether this process, or a worker on another node, is running the execution now. */
  public boolean isRunning(String executionId) {
    return running.containsKey(executionId) || executions.isClaimed(executionId);
  }

  /** This process's worker id, as the executions it claims record it. */
  public String worker() {
    return worker;
  }

  PipelineRepository pipelines() {
    return pipelines;
  }

  ExecutionRepository executions() {
    return executions;
  }

  PipelineRoles roles() {
    return roles;
  }

  ActionProvider provider(ActionTypeId type) {
    ActionProvider provider = providers.get(type);
    if (provider == null) {
      throw new IllegalStateException("No provider runs actions of type " + type);
    }
    return provider;
  }

  Clock clock() {
    return clock;
  }

  boolean closed() {
    return closed;
  }

  PipelineExecution execution(String id) {
    return executions.find(id).orElseThrow(() -> new IllegalStateException("No execution " + id));
  }

  /**
   * Stops claiming and gives running executions a moment to reach a clean point; whatever is still
   * in flight afterwards is recovered as interrupted by the next start.
   */
  @Override
  public void close() {
    closed = true;
    housekeeping.interrupt();
    if (heartbeat != null) {
      heartbeat.interrupt();
    }
    awaitIdle(Duration.ofSeconds(2));
  }

  /**
   * Waits until every runner of this process has ended and written its claim's release, for {@code
   * timeout} at most; returns whether all have. After {@link #close()}, each stops at its next
   * clean point.
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (unfinished.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return unfinished.get() == 0;
  }
}
