package ferry.codepipeline.action;

import ferry.authz.ActingService;
import ferry.codepipeline.engine.ActionFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * The puts of a deploy's files, several at a time. Each put returns once its own commit is durable,
 * so one after another a deploy of many small files waited for one commit per file (3,000 files
 * took 51 s on PostgreSQL); side by side, the store commits them in groups.
 *
 * <p>At most {@code width} puts run at once, each on a virtual thread that acts for the same
 * service as the thread that submits it ({@link ActingService}, CloudTrail's invokedBy). A failure
 * is reported as the puts one after another would have reported it: that of the earliest file, in
 * the order the files were submitted.
 */
final class ConcurrentPuts implements AutoCloseable {
  /** One file's put. */
  interface Put {
    void run() throws ActionFailure;
  }

  private final Semaphore slots;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Future<?>> running = new ArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final ConcurrentSkipListMap<Integer, Exception> failures = new ConcurrentSkipListMap<>();
  private final @Nullable String actingService = ActingService.current();
  private int submitted;

  ConcurrentPuts(int width) {
    this.slots = new Semaphore(width);
  }

  /**
   * Starts the put of {@code key} once a slot is free. First throws the failure of an earlier put,
   * if any; and waits for the earlier puts when one of them is of the same key (a zip may hold a
   * path twice), so that the later file wins, as it would one after another.
   */
  void submit(String key, Put put) throws ActionFailure {
    if (!keys.add(key)) {
      finish();
      keys.add(key);
    }
    slots.acquireUninterruptibly();
    if (!failures.isEmpty()) {
      // An earlier put failed, perhaps while this one waited for its slot.
      slots.release();
      finish();
    }
    int order = submitted++;
    running.add(
        threads.submit(() -> {
          String outer = actingService == null ? null : ActingService.enter(actingService);
          try {
            put.run();
          } catch (ActionFailure | RuntimeException e) {
            failures.put(order, e);
          } finally {
            ActingService.restore(outer);
            slots.release();
          }
        }));
  }

  /** Waits for every put submitted; throws the earliest file's failure, if any failed. */
  void finish() throws ActionFailure {
    for (Future<?> put : running) {
      awaitUninterruptibly(put);
    }
    running.clear();
    keys.clear();
    var first = failures.firstEntry();
    if (first == null) {
      return;
    }
    if (first.getValue() instanceof ActionFailure failure) {
      throw failure;
    }
    throw (RuntimeException) first.getValue();
  }

  private static void awaitUninterruptibly(Future<?> put) {
    boolean interrupted = false;
    while (true) {
      try {
        put.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // Recorded in failures by the put itself; an Error is rethrown.
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the puts still running, whatever happened. */
  @Override
  public void close() {
    threads.close();
  }
}
