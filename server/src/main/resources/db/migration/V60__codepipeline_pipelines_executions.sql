-- Pipelines: the current declaration (JSON) of each, per account and region.
CREATE TABLE codepipeline_pipelines (
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  declaration TEXT NOT NULL,
  created     BIGINT NOT NULL,
  updated     BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, name)
);

-- Every version a pipeline has had, so executions and GetPipeline(version) can read it.
CREATE TABLE codepipeline_pipeline_versions (
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  declaration TEXT NOT NULL,
  created     BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, name, version)
);

-- Executions. worker and heartbeat say which Ferry process runs it: a process claims an
-- execution with UPDATE ... WHERE worker IS NULL, and one whose heartbeat stops is recovered.
CREATE TABLE codepipeline_executions (
  execution_id     TEXT PRIMARY KEY,
  account_id       TEXT NOT NULL,
  region           TEXT NOT NULL,
  pipeline_name    TEXT NOT NULL,
  pipeline_version INTEGER NOT NULL,
  status           TEXT NOT NULL,
  status_summary   TEXT,
  trigger_type     TEXT NOT NULL,
  trigger_detail   TEXT NOT NULL,
  execution_mode   TEXT NOT NULL,
  client_token     TEXT,
  source_revisions TEXT NOT NULL,
  variables        TEXT NOT NULL,
  stop_reason      TEXT,
  waiting_stage    TEXT,
  worker           TEXT,
  heartbeat        BIGINT,
  seq              BIGINT NOT NULL,
  start_time       BIGINT NOT NULL,
  last_update_time BIGINT NOT NULL
);

CREATE INDEX codepipeline_executions_pipeline
  ON codepipeline_executions (account_id, region, pipeline_name, seq);
CREATE INDEX codepipeline_executions_status ON codepipeline_executions (status);

CREATE TABLE codepipeline_stage_executions (
  execution_id  TEXT NOT NULL,
  account_id    TEXT NOT NULL,
  region        TEXT NOT NULL,
  pipeline_name TEXT NOT NULL,
  stage_name    TEXT NOT NULL,
  status        TEXT NOT NULL,
  retry_attempt INTEGER NOT NULL,
  entered       BIGINT NOT NULL,
  updated       BIGINT NOT NULL,
  PRIMARY KEY (execution_id, stage_name)
);

CREATE INDEX codepipeline_stage_executions_pipeline
  ON codepipeline_stage_executions (account_id, region, pipeline_name, stage_name, status);

-- Action executions; input and output hold the JSON of what went in and what came out.
CREATE TABLE codepipeline_action_executions (
  action_execution_id TEXT PRIMARY KEY,
  execution_id        TEXT NOT NULL,
  account_id          TEXT NOT NULL,
  region              TEXT NOT NULL,
  pipeline_name       TEXT NOT NULL,
  pipeline_version    INTEGER NOT NULL,
  stage_name          TEXT NOT NULL,
  action_name         TEXT NOT NULL,
  status              TEXT NOT NULL,
  start_time          BIGINT NOT NULL,
  last_update_time    BIGINT NOT NULL,
  updated_by          TEXT NOT NULL,
  input               TEXT NOT NULL,
  output              TEXT NOT NULL,
  summary             TEXT,
  error_code          TEXT,
  error_message       TEXT,
  token               TEXT,
  seq                 BIGINT NOT NULL
);

CREATE INDEX codepipeline_action_executions_execution
  ON codepipeline_action_executions (execution_id, stage_name, action_name, seq);
CREATE INDEX codepipeline_action_executions_pipeline
  ON codepipeline_action_executions (account_id, region, pipeline_name, seq);
