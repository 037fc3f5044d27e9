package ferry.kms.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.KeyManager;
import ferry.kms.KeyState;
import ferry.kms.KmsAlias;
import ferry.kms.KmsKey;
import ferry.kms.Tag;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** KMS keys in the metadata database; their material only ever wrapped. */
public final class KeyRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "account_id, region, key_id, description, key_state, key_manager, created, deletion_date,"
          + " pending_window_days, multi_region, primary_region, policy, tags, wrapped_material";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM kms_keys ";

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
        "INSERT INTO kms_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
        key.wrappedMaterial());
  }

  /** Stores a key's state, deletion date and policy. */
  public void update(KmsKey key) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE kms_keys SET key_state = ?, deletion_date = ?, pending_window_days = ?,"
                + " policy = ? WHERE account_id = ? AND region = ? AND key_id = ?",
            key.state(),
            key.deletionDate(),
            key.pendingWindowDays(),
            key.policy(),
            key.account().value(),
            key.region().name(),
            key.keyId()));
  }

  /** Deletes a key whose waiting period is over, with its aliases and grants. */
  public void delete(AccountId account, Region region, String keyId) {
    db.write(c -> {
      Object[] where = {account.value(), region.name(), keyId};
      String clause = " WHERE account_id = ? AND region = ? AND key_id = ?";
      Sql.update(c, "DELETE FROM kms_aliases" + clause, where);
      Sql.update(c, "DELETE FROM kms_grants" + clause, where);
      return Sql.update(c, "DELETE FROM kms_keys" + clause, where);
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
        row.getString("wrapped_material"));
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
