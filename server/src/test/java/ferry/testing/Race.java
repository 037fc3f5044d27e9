package ferry.testing;

import ferry.aws.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Requests released on many threads at once, for tests of what must hold when requests race: on
 * PostgreSQL ({@code -Dferry.test.db=postgres}) each request is its own transaction on its own
 * connection, as on several nodes; on SQLite the single writer serialises them.
 */
public final class Race {
  private Race() {}

  /** One racer's request: its result, as the test compares it. */
  @FunctionalInterface
  public interface Request {
    String run(int racer) throws Exception;
  }

  /**
   * Runs the request on {@code racers} threads at once: each one's result, or its AWS error as
   * {@code "<code>: <message>"}, in the order of the racers.
   */
  public static List<String> run(int racers, Request request) throws Exception {
    var go = new CountDownLatch(1);
    try (var threads = Executors.newFixedThreadPool(racers)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        int racer = i;
        futures.add(
            threads.submit(() -> {
              go.await();
              try {
                return request.run(racer);
              } catch (AwsException e) {
                return e.code() + ": " + e.getMessage();
              }
            }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> future : futures) {
        try {
          outcomes.add(future.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("A racing request failed", e.getCause());
        }
      }
      return outcomes;
    }
  }
}
