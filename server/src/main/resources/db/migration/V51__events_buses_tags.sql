-- Custom event buses; each account's default bus is not stored, it always exists.
CREATE TABLE events_buses (
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT,
  created     BIGINT NOT NULL,
  updated     BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, name)
);

-- Tags of rules and event buses, by the resource's ARN, in the order they were first put.
CREATE TABLE events_tags (
  arn       TEXT NOT NULL,
  tag_key   TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  seq       BIGINT NOT NULL,
  PRIMARY KEY (arn, tag_key)
);

-- A target's InputTransformer: InputPathsMap and InputTemplate as EventBridge's JSON.
ALTER TABLE events_targets ADD COLUMN input_transformer TEXT;
