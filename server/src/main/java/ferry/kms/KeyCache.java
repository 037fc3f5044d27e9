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
 * within that time, as KMS itself is eventually consistent. Material never changes (a rotation adds
 * new material), so it is kept until the cache is full.
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

  /** Forgets a key in every region: its replicas share the materials a rotation changed. */
  void forgetEveryRegion(KmsKey key) {
    keys.keySet().removeIf(l -> l.account().equals(key.account()) && l.keyId().equals(key.keyId()));
  }

  /**
   * The AES key of the key's material {@code number}, unwrapped from its stored form; empty when
   * the key has no such material.
   */
  Optional<SecretKey> material(KmsKey key, int number) {
    String label = KmsKey.materialLabel(key.account(), key.keyId(), number);
    SecretKey secret = materials.get(label);
    if (secret == null) {
      String wrapped;
      if (number == 0) {
        wrapped = key.wrappedMaterial();
      } else {
        Optional<KeyMaterial> rotated = repository.material(key.account(), key.keyId(), number);
        if (rotated.isEmpty()) {
          return Optional.empty();
        }
        wrapped = rotated.get().wrappedMaterial();
      }
      if (materials.size() >= MAX_ENTRIES) {
        materials.clear();
      }
      secret = masterKey.unwrap(wrapped, label);
      materials.put(label, secret);
    }
    return Optional.of(secret);
  }
}
