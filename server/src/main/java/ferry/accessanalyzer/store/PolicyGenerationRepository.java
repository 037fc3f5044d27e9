package ferry.accessanalyzer.store;

import ferry.accessanalyzer.PolicyGeneration;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Policy generation jobs per account, listed in the order they started. */
public final class PolicyGenerationRepository {
  private static final String COLUMNS =
      "account_id, job_id, principal_arn, status, started_on, completed_on, start_time, end_time,"
          + " trails, policy";

  private final Database db;

  public PolicyGenerationRepository(Database db) {
    this.db = db;
  }

  public void insert(PolicyGeneration job) {
    db.write(c ->
        Sql.update(
            c,
            "INSERT INTO accessanalyzer_policy_generations ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            job.accountId(),
            job.jobId(),
            job.principalArn(),
            job.status().name(),
            job.startedOn().toEpochMilli(),
            job.completedOn() == null ? null : job.completedOn().toEpochMilli(),
            job.startTime().toEpochMilli(),
            job.endTime().toEpochMilli(),
            job.trails(),
            job.policy()));
  }

  public Optional<PolicyGeneration> find(String account, String jobId) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT "
                + COLUMNS
                + " FROM accessanalyzer_policy_generations WHERE account_id = ? AND job_id = ?",
            PolicyGenerationRepository::job,
            account,
            jobId));
  }

  /**
   * Up to {@code limit} jobs from the {@code offset}-th, oldest first, of one principal if named.
   */
  public List<PolicyGeneration> list(
      String account, @Nullable String principalArn, int offset, int limit) {
    List<Object> args = new ArrayList<>();
    args.add(account);
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + COLUMNS + " FROM accessanalyzer_policy_generations WHERE account_id = ?");
    if (principalArn != null) {
      sql.append(" AND principal_arn = ?");
      args.add(principalArn);
    }
    sql.append(" ORDER BY started_on, job_id LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return db.read(
        c -> Sql.list(c, sql.toString(), PolicyGenerationRepository::job, args.toArray()));
  }

  private static PolicyGeneration job(ResultSet row) throws SQLException {
    return new PolicyGeneration(
        row.getString("account_id"),
        row.getString("job_id"),
        row.getString("principal_arn"),
        PolicyGeneration.Status.valueOf(row.getString("status")),
        Instant.ofEpochMilli(row.getLong("started_on")),
        Sql.instant(row, "completed_on"),
        Instant.ofEpochMilli(row.getLong("start_time")),
        Instant.ofEpochMilli(row.getLong("end_time")),
        row.getString("trails"),
        row.getString("policy"));
  }
}
