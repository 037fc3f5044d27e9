-- Stage transitions that were enabled or disabled with Enable/DisableStageTransition. A stage
-- without a row has both its transitions enabled. An execution does not enter a stage whose
-- inbound transition, or whose previous stage's outbound transition, is disabled: it waits.
CREATE TABLE codepipeline_stage_transitions (
  account_id      TEXT NOT NULL,
  region          TEXT NOT NULL,
  pipeline_name   TEXT NOT NULL,
  stage_name      TEXT NOT NULL,
  transition_type TEXT NOT NULL,
  enabled         INTEGER NOT NULL,
  last_changed_by TEXT NOT NULL,
  last_changed_at BIGINT NOT NULL,
  disabled_reason TEXT,
  PRIMARY KEY (account_id, region, pipeline_name, stage_name, transition_type)
);
