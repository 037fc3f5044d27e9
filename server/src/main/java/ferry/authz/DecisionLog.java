package ferry.authz;

import ferry.policy.eval.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The most recent authorization decisions, each under an id that errors carry and tools look up.
 *
 * <p>With a {@link DecisionStore} the decisions are also written to the database, in batches
 * gathered for {@link #FLUSH_PERIOD} by a background thread that sleeps while no decision comes (a
 * request never waits for it), so any node sharing the database explains any decision: a node asked
 * for an id it does not hold waits up to {@link #ARRIVAL} for another node's batch to arrive.
 */
public final class DecisionLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
  private static final int CAPACITY = 2000;

  /** How often gathered decisions are written, in one batch. */
  static final Duration FLUSH_PERIOD = Duration.ofMillis(100);

  /** How long a decision made on another node may take to reach the database. */
  static final Duration ARRIVAL = Duration.ofSeconds(2);

  /** How long stored decisions are kept. */
  static final Duration RETENTION = Duration.ofDays(1);

  /** How often decisions older than {@link #RETENTION} are removed from the store. */
  private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);

  // Kept while the database cannot be written; beyond that the oldest are dropped from the store
  // (this node still explains them from memory while they are recent).
  private static final int MAX_PENDING = 20_000;
  private static final int MAX_BATCH = 1000;

  /**
   * One logged decision: who asked for what, the verdict, and the engine's decision, whose
   * explanation is rendered in plain words only when someone asks for it.
   */
  public record Entry(
      String id,
      Instant time,
      String principal,
      String action,
      String resource,
      boolean allowed,
      String message,
      Decision decision) {

    public String explanation() {
      return decision.explanation().render();
    }

    public Explained explained() {
      return new Explained(id, time, principal, action, resource, allowed, message, explanation());
    }
  }

  /** A decision as stored, with its explanation rendered: what any node can tell about it. */
  public record Explained(
      String id,
      Instant time,
      String principal,
      String action,
      String resource,
      boolean allowed,
      String message,
      String explanation) {}

  private final Deque<Entry> entries = new ArrayDeque<>();
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String prefix;
  private final @Nullable DecisionStore store;
  private final ConcurrentLinkedQueue<Entry> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingCount = new AtomicInteger();
  private final Object flushing = new Object();
  private volatile boolean closed;
  // Only the background writer reads and writes it.
  private boolean failing;
  private volatile @Nullable Thread flusher;
  // Set while the writer waits with nothing gathered: a recorded decision then wakes it.
  private volatile boolean idle;

  /** A log in memory only: one node, or tests. */
  public DecisionLog() {
    this(null);
  }

  public DecisionLog(@Nullable DecisionStore store) {
    // A random prefix per log keeps ids unique across restarts, across nodes, and across Ferrys
    // started in the same second in one JVM (tests), without storing a counter.
    this.prefix =
        Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
    this.store = store;
  }

  /** Starts writing decisions to the store in the background, until closed. */
  public synchronized void start() {
    if (store == null || flusher != null) {
      return;
    }
    flusher = Thread.ofPlatform().name("ferry-decisions").daemon().start(this::flushPeriodically);
  }

  public String nextId() {
    return "d-" + prefix + "-" + sequence.incrementAndGet();
  }

  public void record(Entry entry) {
    synchronized (this) {
      if (entries.size() == CAPACITY) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
    if (store != null) {
      pending.add(entry);
      if (pendingCount.incrementAndGet() > MAX_PENDING && pending.poll() != null) {
        pendingCount.decrementAndGet();
      }
      if (idle) {
        LockSupport.unpark(flusher);
      }
    }
    if (!listeners.isEmpty()) {
      listeners.forEach(listener -> listener.accept(entry));
    }
  }

  /**
   * Hands every decision recorded from now on to {@code listener}, on the thread of the request
   * decided, until the returned handle is closed; the listener must only pass it on. With no
   * listener a request pays one check of an empty list.
   */
  public AutoCloseable listen(Consumer<Entry> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** A decision this node made recently, with the engine's whole decision. */
  public synchronized Optional<Entry> find(String id) {
    return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }

  /** The last {@code count} decisions this node made, newest last. */
  public synchronized List<Entry> last(int count) {
    List<Entry> all = new ArrayList<>(entries);
    return all.subList(Math.max(0, all.size() - count), all.size());
  }

  /** Any node's decision, from this node's memory or the database. */
  public Optional<Explained> explain(String id) {
    Optional<Entry> local = find(id);
    if (local.isPresent() || store == null) {
      return local.map(Entry::explained);
    }
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    while (true) {
      Optional<Explained> stored = store.find(id);
      if (stored.isPresent() || System.nanoTime() > deadline || !mayArrive(id)) {
        return stored;
      }
      try {
        Thread.sleep(FLUSH_PERIOD.toMillis() / 2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return stored;
      }
    }
  }

  /**
   * The last {@code count} decisions of every node sharing the database, newest last; this node's
   * own when there is no database.
   */
  public List<Explained> recent(int count) {
    if (store == null) {
      return last(count).stream().map(Entry::explained).toList();
    }
    flush();
    return store.last(count);
  }

  /** Whether an id is one another node may still be writing: not one of this node's. */
  private boolean mayArrive(String id) {
    return id.startsWith("d-") && !id.startsWith("d-" + prefix + "-");
  }

  /** Writes what is gathered; a failed write keeps it for the next try. */
  public void flush() {
    if (store == null) {
      return;
    }
    synchronized (flushing) {
      while (!pending.isEmpty()) {
        List<Entry> batch = new ArrayList<>();
        Entry next;
        while (batch.size() < MAX_BATCH && (next = pending.peek()) != null) {
          batch.add(next);
          pending.poll();
        }
        try {
          store.insert(batch.stream().map(Entry::explained).toList());
          pendingCount.addAndGet(-batch.size());
        } catch (RuntimeException e) {
          // The database is away: keep the batch, in order, ahead of what came since.
          List<Entry> since = new ArrayList<>();
          while ((next = pending.poll()) != null) {
            since.add(next);
          }
          pending.addAll(batch);
          pending.addAll(since);
          throw e;
        }
      }
    }
  }

  private void flushPeriodically() {
    long lastSweep = System.nanoTime();
    while (!closed) {
      try {
        awaitDecisions(lastSweep + SWEEP_EVERY.toNanos());
        // Then gather a batch, as a request never waits for its decision's write.
        gather(System.nanoTime() + FLUSH_PERIOD.toNanos());
        flush();
        if (System.nanoTime() - lastSweep > SWEEP_EVERY.toNanos()) {
          lastSweep = System.nanoTime();
          Instant cutoff = Instant.now().minus(RETENTION);
          Objects.requireNonNull(store).removeBefore(cutoff);
        }
        if (failing) {
          failing = false;
          LOG.info("Authorization decisions are written to the database again");
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!failing) {
          // Once per outage, not every period.
          failing = true;
          LOG.warn(
              "Writing authorization decisions to the database failed; retrying: {}", e.toString());
        }
      }
    }
  }

  /**
   * Waits, with nothing gathered, until a decision is recorded, the log closes or the sweep is due
   * ({@code sweepAt}, in {@link System#nanoTime()}): an idle Ferry does not wake every period.
   */
  private void awaitDecisions(long sweepAt) {
    idle = true;
    // A decision recorded before idle was set did not wake the writer: the queue shows it.
    while (pending.isEmpty() && !closed && !Thread.currentThread().isInterrupted()) {
      long left = sweepAt - System.nanoTime();
      if (left <= 0) {
        break;
      }
      LockSupport.parkNanos(left);
    }
    idle = false;
  }

  /**
   * Lets decisions gather until {@code until} (in {@link System#nanoTime()}), or until the log
   * closes: a close then writes them at once rather than after the rest of the period.
   */
  private void gather(long until) throws InterruptedException {
    long left;
    while (!closed && (left = until - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }

  /** Stops the background writer and writes what is still gathered. */
  @Override
  public void close() {
    closed = true;
    Thread thread = flusher;
    if (thread != null) {
      LockSupport.unpark(thread);
      try {
        // Not interrupted: a write it is making must finish, not leave a broken connection.
        thread.join(FLUSH_PERIOD.multipliedBy(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("The last authorization decisions could not be written: {}", e.toString());
    }
  }
}
