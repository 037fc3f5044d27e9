package ferry.authz;

import ferry.policy.eval.Decision;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The most recent authorization decisions, each under an id that errors carry and tools look up.
 */
public final class DecisionLog {
  private static final int CAPACITY = 2000;

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
  }

  private final Deque<Entry> entries = new ArrayDeque<>();
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String prefix;

  public DecisionLog() {
    // A random prefix per log keeps ids unique across restarts, and across Ferrys started in the
    // same second in one JVM (tests), without storing a counter.
    this.prefix =
        Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);
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

  public synchronized Optional<Entry> find(String id) {
    return entries.stream().filter(entry -> entry.id().equals(id)).findFirst();
  }

  /** The last {@code count} decisions, newest last. */
  public synchronized List<Entry> last(int count) {
    List<Entry> all = new ArrayList<>(entries);
    return all.subList(Math.max(0, all.size() - count), all.size());
  }
}
