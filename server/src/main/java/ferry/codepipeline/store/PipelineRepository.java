package ferry.codepipeline.store;

import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.codepipeline.Pipeline;
import ferry.codepipeline.PipelineDeclaration;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Pipelines and every version of their declarations. */
public final class PipelineRepository {
  private static final String KEY = "account_id = ? AND region = ? AND name = ?";

  private final Database db;

  public PipelineRepository(Database db) {
    this.db = db;
  }

  /** What {@link #insert} did. */
  public enum Insert {
    INSERTED,
    NAME_TAKEN,
    TOO_MANY
  }

  /**
   * Stores a new pipeline at version 1 unless its name is taken or the account has {@code max}
   * pipelines in the region. The count and the insert are one writer's at a time per account and
   * region, so racing CreatePipeline calls cannot together pass the quota.
   */
  public Insert insert(Pipeline pipeline, int max) {
    return db.write(c -> {
      db.dialect()
          .lock(
              c, "codepipeline_pipelines/" + pipeline.account().value() + "/" + pipeline.region());
      if (Sql.count(
              c,
              "SELECT COUNT(*) FROM codepipeline_pipelines WHERE account_id = ? AND region = ?",
              pipeline.account().value(),
              pipeline.region().name())
          >= max) {
        return Insert.TOO_MANY;
      }
      if (find(c, pipeline.account(), pipeline.region(), pipeline.name()).isPresent()) {
        return Insert.NAME_TAKEN;
      }
      String text = DeclarationJson.text(pipeline.declaration());
      Sql.update(
          c,
          "INSERT INTO codepipeline_pipelines (account_id, region, name, version, declaration,"
              + " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?)",
          pipeline.account().value(),
          pipeline.region().name(),
          pipeline.name(),
          pipeline.declaration().version(),
          text,
          pipeline.created(),
          pipeline.updated());
      insertVersion(c, pipeline, text);
      return Insert.INSERTED;
    });
  }

  /**
   * Replaces the declaration with the next version, made by {@code next} from the stored pipeline
   * inside the same transaction; empty if there is no such pipeline.
   */
  public Optional<Pipeline> update(
      AccountId account,
      Region region,
      String name,
      Instant now,
      java.util.function.Function<Pipeline, PipelineDeclaration> next) {
    return db.write(c -> {
      Optional<Pipeline> stored = find(c, account, region, name);
      if (stored.isEmpty()) {
        return Optional.<Pipeline>empty();
      }
      Pipeline old = stored.get();
      PipelineDeclaration declaration =
          next.apply(old).withVersion(old.declaration().version() + 1);
      Pipeline updated = new Pipeline(account, region, declaration, old.created(), now);
      String text = DeclarationJson.text(declaration);
      Sql.update(
          c,
          "UPDATE codepipeline_pipelines SET version = ?, declaration = ?, updated = ? WHERE "
              + KEY,
          declaration.version(),
          text,
          now,
          account.value(),
          region.name(),
          name);
      insertVersion(c, updated, text);
      return Optional.of(updated);
    });
  }

  private static void insertVersion(Connection c, Pipeline pipeline, String text)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO codepipeline_pipeline_versions (account_id, region, name, version,"
            + " declaration, created) VALUES (?, ?, ?, ?, ?, ?)",
        pipeline.account().value(),
        pipeline.region().name(),
        pipeline.name(),
        pipeline.declaration().version(),
        text,
        pipeline.updated());
  }

  public Optional<Pipeline> find(AccountId account, Region region, String name) {
    return db.read(c -> find(c, account, region, name));
  }

  private static Optional<Pipeline> find(
      Connection c, AccountId account, Region region, String name) throws SQLException {
    return Sql.one(
        c,
        "SELECT account_id, region, declaration, created, updated FROM codepipeline_pipelines"
            + " WHERE "
            + KEY,
        PipelineRepository::map,
        account.value(),
        region.name(),
        name);
  }

  /** A historical version of a pipeline's declaration. */
  public Optional<PipelineDeclaration> findVersion(
      AccountId account, Region region, String name, int version) {
    return db.read(c ->
        Sql.one(
            c,
            "SELECT declaration FROM codepipeline_pipeline_versions WHERE "
                + KEY
                + " AND version = ?",
            row -> DeclarationJson.parse(row.getString(1)),
            account.value(),
            region.name(),
            name,
            version));
  }

  public List<Pipeline> list(AccountId account, Region region) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT account_id, region, declaration, created, updated FROM codepipeline_pipelines"
                + " WHERE account_id = ? AND region = ? ORDER BY name",
            PipelineRepository::map,
            account.value(),
            region.name()));
  }

  public long count(AccountId account, Region region) {
    return db.read(c ->
        Sql.count(
            c,
            "SELECT COUNT(*) FROM codepipeline_pipelines WHERE account_id = ? AND region = ?",
            account.value(),
            region.name()));
  }

  public void delete(AccountId account, Region region, String name) {
    db.write(c -> {
      Sql.update(
          c,
          "DELETE FROM codepipeline_pipelines WHERE " + KEY,
          account.value(),
          region.name(),
          name);
      Sql.update(
          c,
          "DELETE FROM codepipeline_stage_transitions WHERE account_id = ? AND region = ? AND"
              + " pipeline_name = ?",
          account.value(),
          region.name(),
          name);
      Sql.update(
          c, "DELETE FROM codepipeline_tags WHERE arn = ?", Pipeline.arn(region, account, name));
      return Sql.update(
          c,
          "DELETE FROM codepipeline_pipeline_versions WHERE " + KEY,
          account.value(),
          region.name(),
          name);
    });
  }

  private static Pipeline map(ResultSet row) throws SQLException {
    return new Pipeline(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        DeclarationJson.parse(row.getString("declaration")),
        Objects.requireNonNull(Sql.instant(row, "created")),
        Objects.requireNonNull(Sql.instant(row, "updated")));
  }
}
