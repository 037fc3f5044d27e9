package ferry.events;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.store.RuleRepository;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rules that events published on a bus are matched against (enabled, with an event pattern),
 * their patterns parsed, kept in memory so that publishing an event, as every S3 write does, need
 * not read the database. A bus's rules are kept for at most {@code ttlNanos} and dropped at once
 * when this process changes one; other processes sharing the database see a change within that
 * time, as EventBridge asks of its own rules ("allow a short period of time for changes to take
 * effect").
 */
final class ListeningRules {
  private static final int MAX_BUSES = 10_000;

  /** A rule and its parsed event pattern. */
  record Listening(Rule rule, EventPattern pattern) {}

  private record Bus(AccountId account, Region region, String name) {}

  private record Entry(List<Listening> rules, long loadedAt) {}

  private final ConcurrentHashMap<Bus, Entry> buses = new ConcurrentHashMap<>();

  /** Counts this process's rule changes: a load that one overtook is not kept. */
  private final AtomicLong changes = new AtomicLong();

  private final RuleRepository repository;
  private final long ttlNanos;

  ListeningRules(RuleRepository repository, long ttlNanos) {
    this.repository = repository;
    this.ttlNanos = ttlNanos;
  }

  List<Listening> on(AccountId account, Region region, String bus) {
    Bus key = new Bus(account, region, bus);
    Entry entry = buses.get(key);
    long now = System.nanoTime();
    if (entry != null && now - entry.loadedAt() < ttlNanos) {
      return entry.rules();
    }
    long seen = changes.get();
    List<Listening> rules =
        repository.list(account, region, bus, "").stream()
            .filter(rule -> rule.state() == RuleState.ENABLED && rule.eventPattern() != null)
            .map(rule -> new Listening(rule, EventPattern.parse(rule.eventPattern())))
            .toList();
    if (buses.size() >= MAX_BUSES) {
      buses.clear();
    }
    Entry loaded = new Entry(rules, now);
    buses.put(key, loaded);
    if (changes.get() != seen) {
      buses.remove(key, loaded);
    }
    return rules;
  }

  /** After this process changed a rule of the bus. */
  void forget(AccountId account, Region region, String bus) {
    changes.incrementAndGet();
    buses.remove(new Bus(account, region, bus));
  }
}
