-- Matched events on their way to their targets. A row is written before the publisher is
-- answered and removed once its target has been invoked, so no acknowledged event is lost when
-- the node delivering it dies; worker and claimed say which node is delivering it, so exactly one
-- node delivers each (another takes it over only when the claim is old).
CREATE TABLE events_deliveries (
  delivery_id TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  region      TEXT NOT NULL,
  bus_name    TEXT NOT NULL,
  rule_name   TEXT NOT NULL,
  target_id   TEXT NOT NULL,
  input       TEXT NOT NULL,
  created     BIGINT NOT NULL,
  worker      TEXT,
  claimed     BIGINT
);

CREATE INDEX events_deliveries_created ON events_deliveries (created);
