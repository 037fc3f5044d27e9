package ferry.cloudformation.stack;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs one step per resource, each once the steps of the resources it waits for succeeded, the
 * independent ones together on a bounded executor. After the first failed step no other starts (the
 * ones running finish), as CloudFormation stops at a failure and rolls back.
 */
final class DependencyRun {
  /** How a resource's step ended. */
  enum Outcome {
    SUCCEEDED,
    FAILED,
    NOT_STARTED
  }

  private DependencyRun() {}

  static Map<String, Outcome> run(
      Collection<String> nodes,
      Function<String, Set<String>> waitsFor,
      Predicate<String> step,
      Executor executor) {
    AtomicBoolean failed = new AtomicBoolean();
    Map<String, CompletableFuture<Outcome>> futures = new LinkedHashMap<>();
    for (String node : nodes) {
      schedule(node, nodes, waitsFor, step, executor, failed, futures, new java.util.HashSet<>());
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    futures.forEach((node, future) -> outcomes.put(node, future.join()));
    return outcomes;
  }

  private static CompletableFuture<Outcome> schedule(
      String node,
      Collection<String> nodes,
      Function<String, Set<String>> waitsFor,
      Predicate<String> step,
      Executor executor,
      AtomicBoolean failed,
      Map<String, CompletableFuture<Outcome>> futures,
      Set<String> visiting) {
    CompletableFuture<Outcome> known = futures.get(node);
    if (known != null) {
      return known;
    }
    if (!visiting.add(node)) {
      throw new IllegalStateException("Circular dependency at " + node);
    }
    var before =
        waitsFor.apply(node).stream()
            .filter(nodes::contains)
            .map(other ->
                schedule(other, nodes, waitsFor, step, executor, failed, futures, visiting))
            .toList();
    CompletableFuture<Outcome> future =
        CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
            .thenApplyAsync(
                ignored -> {
                  boolean ready = before.stream().allMatch(f -> f.join() == Outcome.SUCCEEDED);
                  if (!ready || failed.get()) {
                    return Outcome.NOT_STARTED;
                  }
                  boolean succeeded;
                  try {
                    succeeded = step.test(node);
                  } catch (RuntimeException e) {
                    succeeded = false;
                  }
                  if (!succeeded) {
                    failed.set(true);
                    return Outcome.FAILED;
                  }
                  return Outcome.SUCCEEDED;
                },
                executor);
    futures.put(node, future);
    return future;
  }
}
