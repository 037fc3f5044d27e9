package ferry.events;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.TestClock;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.store.DeliveryRepository;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries are durable before the publisher is answered and made by exactly one node, also when
 * the node that matched the event stops before or while making them.
 */
class TargetDeliveriesTest {
  @TempDir Path dataDir;
  final TestClock clock = new TestClock(Clock.systemUTC());
  final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
  final Predicate<Delivery> send =
      d -> {
        sent.computeIfAbsent(d.id(), id -> new AtomicInteger()).incrementAndGet();
        return true;
      };

  static Delivery delivery(String id) {
    return new Delivery(
        id, AccountId.of("111111111111"), Region.US_EAST_1, "default", "rule", "t1", "{}");
  }

  @Test
  void aDeliveryIsMadeOnceByTheNodeThatMatchedIt_andThenForgotten() throws Exception {
    try (Database db = TestStore.open(dataDir)) {
      var repository = new DeliveryRepository(db);
      var node = new TargetDeliveries(repository, "node-a", clock);

      node.accept(List.of(delivery("d1"), delivery("d2")), send);

      awaitSent(2);
      clock.advance(TargetDeliveries.CLAIM.plusSeconds(1));
      assertThat(node.sweep(send)).isZero();
      assertThat(sent.values()).allMatch(count -> count.get() == 1);
    }
  }

  @Test
  void deliveriesANodeStoredButNeverMade_areMadeOnceByOneOfTheOthers() throws Exception {
    try (Database db = TestStore.open(dataDir)) {
      var repository = new DeliveryRepository(db);
      // The matching node stored them and was killed before it claimed any.
      repository.insert(List.of(delivery("d1"), delivery("d2"), delivery("d3")), clock.instant());
      var b = new TargetDeliveries(repository, "node-b", clock);
      var c = new TargetDeliveries(repository, "node-c", clock);

      assertThat(b.sweep(send) + c.sweep(send)).as("not yet abandoned").isZero();
      clock.advance(TargetDeliveries.UNCLAIMED.plusSeconds(1));
      Thread other = Thread.ofVirtual().start(() -> c.sweep(send));
      b.sweep(send);
      other.join();

      assertThat(sent).containsOnlyKeys("d1", "d2", "d3");
      assertThat(sent.values()).allMatch(count -> count.get() == 1);
    }
  }

  @Test
  void aDeliveryWhoseNodeDiedWhileMakingIt_isMadeAgainAfterTheClaim_andKeptWhileItFails()
      throws Exception {
    try (Database db = TestStore.open(dataDir)) {
      var repository = new DeliveryRepository(db);
      repository.insert(List.of(delivery("d1")), clock.instant());
      assertThat(repository.claim("d1", "node-a/lost", clock.instant())).isTrue();
      var b = new TargetDeliveries(repository, "node-b", clock);

      clock.advance(TargetDeliveries.UNCLAIMED.plusSeconds(1));
      assertThat(b.sweep(send)).as("node-a's claim is still young").isZero();
      clock.advance(TargetDeliveries.CLAIM);
      assertThat(
              b.sweep(d -> {
                throw new IllegalStateException("the database went away mid-delivery");
              }))
          .isEqualTo(1);
      clock.advance(TargetDeliveries.CLAIM.plus(Duration.ofSeconds(1)));
      assertThat(b.sweep(send)).isEqualTo(1);
      assertThat(b.sweep(send)).isZero();
      assertThat(sent.get("d1").get()).isEqualTo(1);
    }
  }

  private void awaitSent(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (sent.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    // The claimant deletes right after sending; let it.
    Thread.sleep(100);
  }
}
