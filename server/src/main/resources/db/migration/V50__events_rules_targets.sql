-- EventBridge rules, per account, region and event bus.
CREATE TABLE events_rules (
  account_id          TEXT NOT NULL,
  region              TEXT NOT NULL,
  event_bus           TEXT NOT NULL,
  name                TEXT NOT NULL,
  event_pattern       TEXT,
  schedule_expression TEXT,
  state               TEXT NOT NULL,
  description         TEXT,
  role_arn            TEXT,
  created             BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, event_bus, name)
);

-- The targets of each rule, in the order they were put.
CREATE TABLE events_targets (
  account_id TEXT NOT NULL,
  region     TEXT NOT NULL,
  event_bus  TEXT NOT NULL,
  rule_name  TEXT NOT NULL,
  target_id  TEXT NOT NULL,
  arn        TEXT NOT NULL,
  role_arn   TEXT,
  input      TEXT,
  input_path TEXT,
  seq        BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, event_bus, rule_name, target_id)
);
