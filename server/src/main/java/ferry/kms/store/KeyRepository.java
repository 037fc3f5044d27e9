package ferry.kms.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.KeyManager;
import ferry.kms.KeyMaterial;
import ferry.kms.KeyMaterial.RotationType;
import ferry.kms.KeyState;
import ferry.kms.KmsAlias;
import ferry.kms.KmsKey;
import ferry.kms.Tag;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** KMS keys in the metadata database; their material only ever wrapped. */
public final class KeyRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "account_id, region, key_id, description, key_state, key_manager, created, deletion_date,"
          + " pending_window_days, multi_region, primary_region, policy, tags, wrapped_material,"
          + " rotation_period_days, next_rotation";
  // The current material is the newest one, shared by a multi-Region key's replicas.
  private static final String SELECT =
      "SELECT "
          + COLUMNS
          + ", COALESCE((SELECT MAX(m.material) FROM kms_key_materials m"
          + " WHERE m.account_id = kms_keys.account_id AND m.key_id = kms_keys.key_id), 0)"
          + " AS current_material FROM kms_keys ";

  private static final String MATERIALS =
      "SELECT account_id, key_id, material, wrapped_material, rotation_date, rotation_type"
          + " FROM kms_key_materials ";

  private final Database db;

  public KeyRepository(Database db) {
    this.db = db;
  }

  public Optional<KmsKey> find(AccountId account, Region region, String keyId) {
    return db.read(c -> find(c, account, region, keyId));
  }

  static Optional<KmsKey> find(Connection c, AccountId account, Region region, String keyId)
      throws SQLException {
    return Sql.one(
        c,
        SELECT + "WHERE account_id = ? AND region = ? AND key_id = ?",
        KeyRepository::map,
        account.value(),
        region.name(),
        keyId);
  }

  /** A multi-Region key in every region it exists in, primary and replicas. */
  public List<KmsKey> related(AccountId account, String keyId) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT + "WHERE account_id = ? AND key_id = ? ORDER BY region",
            KeyRepository::map,
            account.value(),
            keyId));
  }

  /** Every key of an account, in every region, ordered by region and id. */
  public List<KmsKey> listAllRegions(AccountId account) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT + "WHERE account_id = ? ORDER BY region, key_id",
            KeyRepository::map,
            account.value()));
  }

  /** Up to {@code limit} keys of an account and region, ordered by id, after {@code marker}. */
  public List<KmsKey> list(AccountId account, Region region, @Nullable String marker, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT
                + "WHERE account_id = ? AND region = ? AND key_id > ? ORDER BY key_id LIMIT "
                + limit,
            KeyRepository::map,
            account.value(),
            region.name(),
            marker == null ? "" : marker));
  }

  public void insert(KmsKey key) {
    db.write(c -> insert(c, key));
  }

  /**
   * Creates {@code key} and points {@code alias} at it, unless the alias exists already; returns
   * the id of the key the alias names afterwards.
   */
  public String insertWithAlias(KmsKey key, KmsAlias alias) {
    return db.write(c -> {
      Optional<KmsAlias> existing =
          AliasRepository.find(c, alias.account(), alias.region(), alias.name());
      if (existing.isPresent()) {
        return existing.get().targetKeyId();
      }
      insert(c, key);
      AliasRepository.insert(c, alias);
      return key.keyId();
    });
  }

  private static int insert(Connection c, KmsKey key) throws SQLException {
    return Sql.update(
        c,
        "INSERT INTO kms_keys ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        key.account().value(),
        key.region().name(),
        key.keyId(),
        key.description(),
        key.state(),
        key.manager(),
        key.created(),
        key.deletionDate(),
        key.pendingWindowDays(),
        key.multiRegion(),
        key.primaryRegion() == null ? null : Objects.requireNonNull(key.primaryRegion()).name(),
        key.policy(),
        tagsJson(key.tags()),
        key.wrappedMaterial(),
        rotationPeriod(key),
        nextRotation(key));
  }

  /**
   * What a rotation makes of the stored key, in the transaction that adds its new material: the key
   * to store with it (its automatic rotation schedule), or null to rotate nothing. What it throws
   * stores nothing.
   */
  @FunctionalInterface
  public interface Rotation {
    @Nullable KmsKey apply(KmsKey stored, int onDemandRotations);
  }

  /**
   * Replaces a key's tags with what {@code change} makes of the stored ones, in one transaction
   * under a lock of that key: racing TagResource and UntagResource calls each see the others' tags.
   * What {@code change} throws stores nothing; false when there is no such key.
   */
  public boolean changeTags(KmsKey key, UnaryOperator<List<Tag>> change) {
    return db.write(c -> {
      lock(c, key);
      Optional<KmsKey> stored = find(c, key.account(), key.region(), key.keyId());
      if (stored.isEmpty()) {
        return false;
      }
      Sql.update(
          c,
          "UPDATE kms_keys SET tags = ? WHERE account_id = ? AND region = ? AND key_id = ?",
          tagsJson(change.apply(stored.get().tags())),
          key.account().value(),
          key.region().name(),
          key.keyId());
      return true;
    });
  }

  /**
   * Stores what {@code change} makes of the stored key (its description, state, deletion date,
   * policy and automatic rotation), in one transaction under the lock of that key, so racing
   * updates of different fields each keep the others' and a stale copy of the key never undoes one;
   * its tags change only through {@link #changeTags}. Returns the key as stored; what {@code
   * change} throws stores nothing; empty when there is no such key.
   */
  public Optional<KmsKey> change(KmsKey key, UnaryOperator<KmsKey> change) {
    return db.write(c -> {
      lock(c, key);
      Optional<KmsKey> stored = find(c, key.account(), key.region(), key.keyId());
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      KmsKey changed = change.apply(stored.get());
      update(c, changed);
      return Optional.of(changed);
    });
  }

  private static int update(Connection c, KmsKey key) throws SQLException {
    return Sql.update(
        c,
        "UPDATE kms_keys SET description = ?, key_state = ?, deletion_date = ?, pending_window_days = ?,"
            + " policy = ?, rotation_period_days = ?, next_rotation = ?"
            + " WHERE account_id = ? AND region = ? AND key_id = ?",
        key.description(),
        key.state(),
        key.deletionDate(),
        key.pendingWindowDays(),
        key.policy(),
        rotationPeriod(key),
        nextRotation(key),
        key.account().value(),
        key.region().name(),
        key.keyId());
  }

  /**
   * Adds the next material to the stored key (shared by its replicas), wrapped by {@code wrap} from
   * its number, and stores what {@code rotation} makes of the key, in one transaction under the
   * lock of that key: racing rotations number their materials one after the other, and each counts
   * the others' on-demand rotations. Returns the stored key with the new material current, or as it
   * was when {@code rotation} rotates nothing; empty when there is no such key.
   */
  public Optional<KmsKey> rotate(
      KmsKey key, RotationType type, Instant date, IntFunction<String> wrap, Rotation rotation) {
    return db.write(c -> {
      lock(c, key);
      Optional<KmsKey> stored = find(c, key.account(), key.region(), key.keyId());
      if (stored.isEmpty()) {
        return Optional.empty();
      }
      int onDemand =
          Sql.one(
                  c,
                  "SELECT COUNT(*) FROM kms_key_materials"
                      + " WHERE account_id = ? AND key_id = ? AND rotation_type = ?",
                  row -> row.getInt(1),
                  key.account().value(),
                  key.keyId(),
                  RotationType.ON_DEMAND)
              .orElse(0);
      KmsKey rotated = rotation.apply(stored.get(), onDemand);
      if (rotated == null) {
        return stored;
      }
      int number = stored.get().currentMaterial() + 1;
      Sql.update(
          c,
          "INSERT INTO kms_key_materials (account_id, key_id, material, wrapped_material,"
              + " rotation_date, rotation_type) VALUES (?, ?, ?, ?, ?, ?)",
          key.account().value(),
          key.keyId(),
          number,
          wrap.apply(number),
          date,
          type);
      update(c, rotated);
      return Optional.of(rotated.withCurrentMaterial(number));
    });
  }

  /** Serialises the changes of one key, on every node; a no-op on SQLite's single writer. */
  private void lock(Connection c, KmsKey key) throws SQLException {
    db.dialect().lock(c, "kms_keys/" + key.account() + "/" + key.region() + "/" + key.keyId());
  }

  /** Material {@code number} (1 or more) of a key, if a rotation added it. */
  public Optional<KeyMaterial> material(AccountId account, String keyId, int number) {
    return db.read(c ->
        Sql.one(
            c,
            MATERIALS + "WHERE account_id = ? AND key_id = ? AND material = ?",
            KeyRepository::mapMaterial,
            account.value(),
            keyId,
            number));
  }

  /** Up to {@code limit} rotated materials of a key, oldest first, after material {@code after}. */
  public List<KeyMaterial> materials(AccountId account, String keyId, int after, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            MATERIALS
                + "WHERE account_id = ? AND key_id = ? AND material > ? ORDER BY material LIMIT "
                + limit,
            KeyRepository::mapMaterial,
            account.value(),
            keyId,
            after));
  }

  /**
   * Deletes a key, with its aliases and grants, if the stored key still passes {@code due} (its
   * waiting period over), in one transaction under its lock: a copy of the key that another node
   * cancelled the deletion of deletes nothing. Returns whether the key is gone.
   */
  public boolean deleteIf(KmsKey key, Predicate<KmsKey> due) {
    return db.write(c -> {
      lock(c, key);
      Optional<KmsKey> stored = find(c, key.account(), key.region(), key.keyId());
      if (stored.isEmpty()) {
        return true;
      }
      if (!due.test(stored.get())) {
        return false;
      }
      AccountId account = key.account();
      String keyId = key.keyId();
      Object[] where = {account.value(), key.region().name(), keyId};
      String clause = " WHERE account_id = ? AND region = ? AND key_id = ?";
      Sql.update(c, "DELETE FROM kms_aliases" + clause, where);
      Sql.update(c, "DELETE FROM kms_grants" + clause, where);
      Sql.update(c, "DELETE FROM kms_keys" + clause, where);
      // Rotated material goes with the last region of the key that shares it.
      Sql.update(
          c,
          "DELETE FROM kms_key_materials WHERE account_id = ? AND key_id = ? AND NOT EXISTS"
              + " (SELECT 1 FROM kms_keys WHERE account_id = ? AND key_id = ?)",
          account.value(),
          keyId,
          account.value(),
          keyId);
      return true;
    });
  }

  private static KmsKey map(ResultSet row) throws SQLException {
    String primary = row.getString("primary_region");
    int window = row.getInt("pending_window_days");
    Integer pendingWindow = row.wasNull() ? null : window;
    return new KmsKey(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("key_id"),
        row.getString("description"),
        KeyState.valueOf(row.getString("key_state")),
        KeyManager.valueOf(row.getString("key_manager")),
        Objects.requireNonNull(Sql.instant(row, "created")),
        Sql.instant(row, "deletion_date"),
        pendingWindow,
        Sql.bool(row, "multi_region"),
        primary == null ? null : Region.of(primary),
        row.getString("policy"),
        tags(row.getString("tags")),
        row.getString("wrapped_material"),
        rotation(row),
        row.getInt("current_material"));
  }

  private static KmsKey.@Nullable KeyRotation rotation(ResultSet row) throws SQLException {
    int period = row.getInt("rotation_period_days");
    if (row.wasNull()) {
      return null;
    }
    Instant next = Sql.instant(row, "next_rotation");
    return next == null ? null : new KmsKey.KeyRotation(period, next);
  }

  private static @Nullable Integer rotationPeriod(KmsKey key) {
    KmsKey.KeyRotation rotation = key.rotation();
    return rotation == null ? null : rotation.periodDays();
  }

  private static @Nullable Instant nextRotation(KmsKey key) {
    KmsKey.KeyRotation rotation = key.rotation();
    return rotation == null ? null : rotation.nextRotation();
  }

  private static KeyMaterial mapMaterial(ResultSet row) throws SQLException {
    return new KeyMaterial(
        AccountId.of(row.getString("account_id")),
        row.getString("key_id"),
        row.getInt("material"),
        row.getString("wrapped_material"),
        Sql.instant(row, "rotation_date"),
        RotationType.valueOf(row.getString("rotation_type")));
  }

  private static String tagsJson(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(tag -> map.put(tag.key(), tag.value()));
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of strings always serialises", e);
    }
  }

  private static List<Tag> tags(String json) throws SQLException {
    try {
      Map<String, String> map =
          JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
      List<Tag> tags = new ArrayList<>();
      map.forEach((k, v) -> tags.add(new Tag(k, v)));
      return tags;
    } catch (JsonProcessingException e) {
      throw new SQLException("Unreadable tags " + json, e);
    }
  }
}
