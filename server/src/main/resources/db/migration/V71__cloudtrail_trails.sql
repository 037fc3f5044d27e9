-- CloudTrail trails: where each delivers its account's events, whether it is logging, and how far
-- its delivery has come. A trail lives in its home region; a multi-region trail is seen in every
-- region. delivered_time and delivered_event_id are the last event written to the bucket (the
-- delivery's cursor over cloudtrail_events, in its (event_time, event_id) order). Times are epoch
-- milliseconds.
CREATE TABLE cloudtrail_trails (
  account_id                   TEXT NOT NULL,
  home_region                  TEXT NOT NULL,
  name                         TEXT NOT NULL,
  s3_bucket                    TEXT NOT NULL,
  s3_key_prefix                TEXT,
  include_global               INTEGER NOT NULL,
  multi_region                 INTEGER NOT NULL,
  created_at                   BIGINT NOT NULL,
  logging                      INTEGER NOT NULL,
  start_logging_time           BIGINT,
  stop_logging_time            BIGINT,
  delivered_time               BIGINT,
  delivered_event_id           TEXT,
  latest_delivery_time         BIGINT,
  latest_delivery_attempt_time BIGINT,
  latest_delivery_error        TEXT,
  PRIMARY KEY (account_id, home_region, name)
);
CREATE INDEX cloudtrail_trails_name ON cloudtrail_trails (account_id, name);
CREATE INDEX cloudtrail_trails_logging ON cloudtrail_trails (logging);
