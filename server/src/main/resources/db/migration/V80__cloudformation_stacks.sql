-- CloudFormation stacks: one row per stack ever made, deleted ones kept (DELETE_COMPLETE) so
-- DescribeStacks by stack id and ListStacks still show them, as AWS does. parameters, capabilities,
-- tags and outputs are JSON; template is the body as sent. Times are epoch milliseconds.
CREATE TABLE cloudformation_stacks (
  stack_id          TEXT PRIMARY KEY,
  account_id        TEXT NOT NULL,
  region            TEXT NOT NULL,
  name              TEXT NOT NULL,
  status            TEXT NOT NULL,
  status_reason     TEXT,
  template          TEXT NOT NULL,
  description       TEXT,
  parameters        TEXT NOT NULL,
  capabilities      TEXT NOT NULL,
  role_arn          TEXT,
  tags              TEXT NOT NULL,
  outputs           TEXT NOT NULL,
  disable_rollback  INTEGER NOT NULL,
  change_set_id     TEXT,
  created           BIGINT NOT NULL,
  last_updated      BIGINT,
  deleted           BIGINT
);
CREATE INDEX cloudformation_stacks_name ON cloudformation_stacks (account_id, region, name);
CREATE INDEX cloudformation_stacks_status ON cloudformation_stacks (status);

-- A stack's resources as they are: properties as last applied (JSON, every intrinsic function
-- resolved) and the attributes Fn::GetAtt reads (JSON).
CREATE TABLE cloudformation_resources (
  stack_id       TEXT NOT NULL,
  logical_id     TEXT NOT NULL,
  physical_id    TEXT,
  type           TEXT NOT NULL,
  status         TEXT NOT NULL,
  status_reason  TEXT,
  properties     TEXT,
  attributes     TEXT NOT NULL,
  updated        BIGINT NOT NULL,
  PRIMARY KEY (stack_id, logical_id)
);

-- Stack events, in the order they happened (seq).
CREATE TABLE cloudformation_events (
  seq            BIGINT NOT NULL,
  event_id       TEXT NOT NULL,
  stack_id       TEXT NOT NULL,
  stack_name     TEXT NOT NULL,
  logical_id     TEXT NOT NULL,
  physical_id    TEXT,
  type           TEXT NOT NULL,
  status         TEXT NOT NULL,
  status_reason  TEXT,
  properties     TEXT,
  client_token   TEXT,
  event_time     BIGINT NOT NULL,
  PRIMARY KEY (stack_id, seq)
);

-- Change sets: the template and parameters they would apply, and their changes (JSON).
CREATE TABLE cloudformation_change_sets (
  change_set_id     TEXT PRIMARY KEY,
  stack_id          TEXT NOT NULL,
  name              TEXT NOT NULL,
  change_set_type   TEXT NOT NULL,
  status            TEXT NOT NULL,
  status_reason     TEXT,
  execution_status  TEXT NOT NULL,
  description       TEXT,
  template          TEXT NOT NULL,
  parameters        TEXT NOT NULL,
  capabilities      TEXT NOT NULL,
  role_arn          TEXT,
  tags              TEXT NOT NULL,
  changes           TEXT NOT NULL,
  created           BIGINT NOT NULL
);
CREATE INDEX cloudformation_change_sets_stack ON cloudformation_change_sets (stack_id, name);

-- Exports (unique per account and region) and which stacks import them.
CREATE TABLE cloudformation_exports (
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  value       TEXT NOT NULL,
  stack_id    TEXT NOT NULL,
  PRIMARY KEY (account_id, region, name)
);
CREATE TABLE cloudformation_imports (
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  stack_id    TEXT NOT NULL,
  stack_name  TEXT NOT NULL,
  PRIMARY KEY (account_id, region, name, stack_id)
);
