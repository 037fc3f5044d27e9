package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.store.KeyRepository;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;

/**
 * Keys and their unwrapped material, kept in memory so that a cryptographic call need not read the
 * database and the master key each time. A key's record is kept for at most {@code ttlNanos} and is
 * dropped at once when this process changes it; other processes sharing the database see a change
 * within that time, as KMS itself is eventually consistent. Material never changes, so it is kept
 * until the cache is full.
 */
final class KeyCache {
  private static final int MAX_ENTRIES = 10_000;

  private record Location(AccountId account, Region region, String keyId) {}

  private record Entry(KmsKey key, long loadedAt) {}

  private final ConcurrentHashMap<Location, Entry> keys = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, SecretKey> materials = new ConcurrentHashMap<>();
  private final KeyRepository repository;
  private final MasterKey masterKey;
  private final long ttlNanos;

  KeyCache(KeyRepository repository, MasterKey masterKey, long ttlNanos) {
    this.repository = repository;
    this.masterKey = masterKey;
    this.ttlNanos = ttlNanos;
  }

  Optional<KmsKey> find(AccountId account, Region region, String keyId) {
    Location location = new Location(account, region, keyId);
    Entry entry = keys.get(location);
    long now = System.nanoTime();
    if (entry != null && now - entry.loadedAt() < ttlNanos) {
      return Optional.of(entry.key());
    }
    Optional<KmsKey> key = repository.find(account, region, keyId);
    if (key.isPresent()) {
      if (keys.size() >= MAX_ENTRIES) {
        keys.clear();
      }
      keys.put(location, new Entry(key.get(), now));
    } else {
      keys.remove(location);
    }
    return key;
  }

  void forget(KmsKey key) {
    keys.remove(new Location(key.account(), key.region(), key.keyId()));
  }

  /** The key's AES key, unwrapped from its stored material. */
  SecretKey material(KmsKey key) {
    String label = key.materialLabel();
    SecretKey secret = materials.get(label);
    if (secret == null) {
      if (materials.size() >= MAX_ENTRIES) {
        materials.clear();
      }
      secret = masterKey.unwrap(key.wrappedMaterial(), label);
      materials.put(label, secret);
    }
    return secret;
  }
}
