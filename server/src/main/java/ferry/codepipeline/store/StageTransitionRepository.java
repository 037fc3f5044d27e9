package ferry.codepipeline.store;

import ferry.codepipeline.Pipeline;
import ferry.codepipeline.TransitionState;
import ferry.store.Database;
import ferry.store.Sql;
import java.util.List;

/** The stage transitions of pipelines that were enabled or disabled. */
public final class StageTransitionRepository {
  private final Database db;

  public StageTransitionRepository(Database db) {
    this.db = db;
  }

  public List<TransitionState> list(Pipeline pipeline) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT stage_name, transition_type, enabled, last_changed_by, last_changed_at,"
                + " disabled_reason FROM codepipeline_stage_transitions WHERE account_id = ? AND"
                + " region = ? AND pipeline_name = ?",
            row ->
                new TransitionState(
                    row.getString("stage_name"),
                    row.getString("transition_type"),
                    Sql.bool(row, "enabled"),
                    row.getString("last_changed_by"),
                    Sql.instant(row, "last_changed_at"),
                    row.getString("disabled_reason")),
            pipeline.account().value(),
            pipeline.region().name(),
            pipeline.name()));
  }

  public void put(Pipeline pipeline, TransitionState state) {
    db.write(c -> {
      Object[] key = {
        pipeline.account().value(),
        pipeline.region().name(),
        pipeline.name(),
        state.stageName(),
        state.type()
      };
      Sql.update(
          c,
          "DELETE FROM codepipeline_stage_transitions WHERE account_id = ? AND region = ? AND"
              + " pipeline_name = ? AND stage_name = ? AND transition_type = ?",
          key);
      return Sql.update(
          c,
          "INSERT INTO codepipeline_stage_transitions (account_id, region, pipeline_name,"
              + " stage_name, transition_type, enabled, last_changed_by, last_changed_at,"
              + " disabled_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          key[0],
          key[1],
          key[2],
          key[3],
          key[4],
          state.enabled(),
          state.lastChangedBy(),
          state.lastChangedAt(),
          state.disabledReason());
    });
  }
}
