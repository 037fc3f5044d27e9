package ferry.sts.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.aws.AccountId;
import ferry.aws.Principal;
import ferry.store.Database;
import ferry.store.Sql;
import ferry.store.StoreException;
import ferry.sts.Credentials;
import ferry.sts.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** STS sessions: temporary credentials with their principal, policies and tags. */
public final class SessionRepository {
  /** Expired sessions are kept this long, so their use is answered ExpiredToken, not unknown. */
  private static final Duration KEEP_EXPIRED = Duration.ofDays(7);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> POLICIES = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> TAGS = new TypeReference<>() {};

  private final Database db;

  public SessionRepository(Database db) {
    this.db = db;
  }

  public Optional<Session> find(String accessKeyId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT * FROM sts_sessions WHERE access_key_id = ?",
            SessionRepository::map,
            accessKeyId));
  }

  /** Stores a new session, and forgets sessions long expired. */
  public void insert(Session session) {
    Credentials credentials = session.credentials();
    String kind;
    String path = null;
    String name = null;
    String uniqueId = null;
    String sessionName = null;
    switch (session.principal()) {
      case Principal.AssumedRole role -> {
        kind = "assumed-role";
        path = role.rolePath();
        name = role.roleName();
        uniqueId = role.roleId();
        sessionName = role.session();
      }
      case Principal.IamUser user -> {
        kind = "user";
        path = user.path();
        name = user.name();
        uniqueId = user.id();
      }
      case Principal.AccountRoot root -> kind = "root";
      default ->
          throw new IllegalArgumentException(
              "No session for " + session.principal().arn() + ": it has no account");
    }
    String policies = write(session.sessionPolicies());
    String tags = write(session.sessionTags());
    Object[] row = {
      credentials.accessKeyId(),
      credentials.secretAccessKey(),
      credentials.sessionToken(),
      session.principal().account().value(),
      kind,
      path,
      name,
      uniqueId,
      sessionName,
      policies,
      tags,
      session.chained(),
      session.sourceIdentity(),
      credentials.expiration(),
      session.created()
    };
    db.write(c -> {
      Sql.update(
          c,
          "DELETE FROM sts_sessions WHERE expiration < ?",
          session.created().minus(KEEP_EXPIRED));
      return Sql.update(
          c,
          "INSERT INTO sts_sessions (access_key_id, secret_access_key, session_token, account_id,"
              + " principal_kind, path, name, unique_id, session_name, session_policies,"
              + " session_tags, chained, source_identity, expiration, created)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          row);
    });
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new StoreException("Cannot encode " + value + ": " + e.getMessage(), e);
    }
  }

  private static Session map(ResultSet row) throws SQLException {
    AccountId account = AccountId.of(row.getString("account_id"));
    Principal principal =
        switch (row.getString("principal_kind")) {
          case "assumed-role" ->
              new Principal.AssumedRole(
                  account,
                  row.getString("path"),
                  row.getString("name"),
                  row.getString("unique_id"),
                  row.getString("session_name"));
          case "user" ->
              new Principal.IamUser(
                  account,
                  row.getString("path"),
                  row.getString("name"),
                  row.getString("unique_id"));
          default -> new Principal.AccountRoot(account);
        };
    try {
      return new Session(
          new Credentials(
              row.getString("access_key_id"),
              row.getString("secret_access_key"),
              row.getString("session_token"),
              Instant.ofEpochMilli(row.getLong("expiration"))),
          principal,
          JSON.readValue(row.getString("session_policies"), POLICIES),
          JSON.readValue(row.getString("session_tags"), TAGS),
          Sql.bool(row, "chained"),
          row.getString("source_identity"),
          Instant.ofEpochMilli(row.getLong("created")));
    } catch (JsonProcessingException e) {
      throw new SQLException("Session " + row.getString("access_key_id") + " is damaged", e);
    }
  }
}
