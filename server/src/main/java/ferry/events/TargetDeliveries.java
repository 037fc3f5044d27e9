package ferry.events;

import ferry.events.store.DeliveryRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Deliveries made durable before the publisher is answered, then made by exactly one node: the node
 * that matched the event claims each delivery and invokes its target at once; a delivery its node
 * never claimed, or claimed and never finished (the node was killed), is taken over by one other
 * node after a while. Without a repository (tests of one service) deliveries are made in memory.
 */
public final class TargetDeliveries implements AutoCloseable {
  /** How long a delivery may wait unclaimed before another node makes it. */
  static final Duration UNCLAIMED = Duration.ofSeconds(5);

  /** How long a claimed delivery may take before another node makes it again. */
  static final Duration CLAIM = Duration.ofSeconds(60);

  private static final System.Logger LOG = System.getLogger(TargetDeliveries.class.getName());

  private final @Nullable DeliveryRepository repository;
  private final String worker;
  private final Clock clock;
  private volatile boolean closed;
  private @Nullable Thread sweeper;

  public TargetDeliveries(@Nullable DeliveryRepository repository, String node, Clock clock) {
    this.repository = repository;
    this.worker = node + "/" + UUID.randomUUID();
    this.clock = clock;
  }

  /** In memory only: every delivery is made at once by this node, and lost if it stops. */
  public static TargetDeliveries inMemory(Clock clock) {
    return new TargetDeliveries(null, "memory", clock);
  }

  /**
   * Stores the deliveries, then makes each on a thread of its own. {@code send} answers whether the
   * delivery is done (made, or impossible); false leaves it for another try.
   */
  void accept(List<Delivery> deliveries, Predicate<Delivery> send) {
    if (deliveries.isEmpty()) {
      return;
    }
    if (repository == null) {
      for (Delivery delivery : deliveries) {
        Thread.ofVirtual().name("events-" + delivery.rule()).start(() -> send.test(delivery));
      }
      return;
    }
    Instant now = clock.instant();
    repository.insert(deliveries, now);
    for (Delivery delivery : deliveries) {
      Thread.ofVirtual()
          .name("events-" + delivery.rule())
          .start(() -> {
            if (repository.claim(delivery.id(), worker, clock.instant())) {
              make(delivery, send);
            }
          });
    }
  }

  private void make(Delivery delivery, Predicate<Delivery> send) {
    try {
      if (send.test(delivery)) {
        java.util.Objects.requireNonNull(repository).delete(delivery.id());
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Delivery " + delivery.id() + " of rule " + delivery.rule() + " will be made again",
          e);
    }
  }

  /** Takes over and makes the deliveries other nodes abandoned; once now. */
  int sweep(Predicate<Delivery> send) {
    if (repository == null) {
      return 0;
    }
    Instant now = clock.instant();
    Instant unclaimedBefore = now.minus(UNCLAIMED);
    Instant claimedBefore = now.minus(CLAIM);
    int made = 0;
    for (Delivery delivery : repository.abandoned(unclaimedBefore, claimedBefore)) {
      if (repository.takeOver(delivery.id(), worker, unclaimedBefore, claimedBefore, now)) {
        make(delivery, send);
        made++;
      }
    }
    return made;
  }

  /** Sweeps every second until closed. */
  synchronized void start(Predicate<Delivery> send) {
    if (repository == null || sweeper != null) {
      return;
    }
    sweeper =
        Thread.ofPlatform()
            .name("events-deliveries")
            .daemon()
            .start(() -> {
              while (!closed) {
                try {
                  Thread.sleep(1000);
                  sweep(send);
                } catch (InterruptedException e) {
                  return;
                } catch (RuntimeException e) {
                  LOG.log(System.Logger.Level.WARNING, "Sweeping event deliveries failed", e);
                }
              }
            });
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (sweeper != null) {
      sweeper.interrupt();
    }
  }
}
