package ferry.kms.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.kms.Grant;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** KMS grants in the metadata database. */
public final class GrantRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "grant_id, account_id, region, key_id, grant_name, grantee_principal, retiring_principal,"
          + " issuing_account, operations, constraints, grant_token, created";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM kms_grants ";

  private final Database db;

  public GrantRepository(Database db) {
    this.db = db;
  }

  public void insert(Grant grant) {
    db.write(c ->
        Sql.update(
            c,
            "INSERT INTO kms_grants (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            grant.grantId(),
            grant.account().value(),
            grant.region().name(),
            grant.keyId(),
            grant.name(),
            grant.granteePrincipal(),
            grant.retiringPrincipal(),
            grant.issuingAccount().value(),
            String.join(",", grant.operations()),
            constraintsJson(grant),
            grant.grantToken(),
            grant.created()));
  }

  /** The grants of a key, oldest first, after the grant {@code marker}. */
  public List<Grant> forKey(
      AccountId account, Region region, String keyId, @Nullable String marker, int limit) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT
                + "WHERE account_id = ? AND region = ? AND key_id = ? AND grant_id > ?"
                + " ORDER BY grant_id LIMIT "
                + limit,
            GrantRepository::map,
            account.value(),
            region.name(),
            keyId,
            marker == null ? "" : marker));
  }

  /** The grants of a key to one grantee principal. */
  public List<Grant> forGrantee(AccountId account, Region region, String keyId, String grantee) {
    return db.read(c ->
        Sql.list(
            c,
            SELECT + "WHERE account_id = ? AND region = ? AND key_id = ? AND grantee_principal = ?",
            GrantRepository::map,
            account.value(),
            region.name(),
            keyId,
            grantee));
  }

  public Optional<Grant> find(String grantId) {
    return db.read(c -> Sql.one(c, SELECT + "WHERE grant_id = ?", GrantRepository::map, grantId));
  }

  public Optional<Grant> findByToken(String token) {
    return db.read(c -> Sql.one(c, SELECT + "WHERE grant_token = ?", GrantRepository::map, token));
  }

  public boolean delete(String grantId) {
    return db.write(c -> Sql.update(c, "DELETE FROM kms_grants WHERE grant_id = ?", grantId)) == 1;
  }

  private static @Nullable String constraintsJson(Grant grant) {
    Map<String, String> subset = grant.encryptionContextSubset();
    Map<String, String> equals = grant.encryptionContextEquals();
    if (subset == null && equals == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    if (subset != null) {
      node.set("EncryptionContextSubset", JSON.valueToTree(subset));
    }
    if (equals != null) {
      node.set("EncryptionContextEquals", JSON.valueToTree(equals));
    }
    return node.toString();
  }

  private static @Nullable Map<String, String> context(
      @Nullable JsonNode constraints, String name) {
    JsonNode node = constraints == null ? null : constraints.get(name);
    if (node == null) {
      return null;
    }
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static Grant map(ResultSet row) throws SQLException {
    String constraintsText = row.getString("constraints");
    JsonNode constraints;
    try {
      constraints = constraintsText == null ? null : JSON.readTree(constraintsText);
    } catch (JsonProcessingException e) {
      throw new SQLException("Unreadable grant constraints " + constraintsText, e);
    }
    return new Grant(
        row.getString("grant_id"),
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("key_id"),
        row.getString("grant_name"),
        row.getString("grantee_principal"),
        row.getString("retiring_principal"),
        AccountId.of(row.getString("issuing_account")),
        Arrays.asList(row.getString("operations").split(",")),
        context(constraints, "EncryptionContextSubset"),
        context(constraints, "EncryptionContextEquals"),
        row.getString("grant_token"),
        Objects.requireNonNull(Sql.instant(row, "created")));
  }
}
