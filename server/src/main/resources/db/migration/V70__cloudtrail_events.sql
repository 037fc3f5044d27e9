-- CloudTrail's event history: one row per event and account (a cross-account call has one in each,
-- with the same shared event id), the record as CloudTrail writes it, and the columns
-- LookupEvents filters on. event_time is epoch milliseconds; newest first is the order of every
-- lookup, so each index ends with the time.
CREATE TABLE cloudtrail_events (
  account_id    TEXT NOT NULL,
  event_id      TEXT NOT NULL,
  event_time    BIGINT NOT NULL,
  event_name    TEXT NOT NULL,
  event_source  TEXT NOT NULL,
  read_only     TEXT NOT NULL,
  username      TEXT,
  access_key_id TEXT,
  record        TEXT NOT NULL,
  PRIMARY KEY (account_id, event_id)
);
CREATE INDEX cloudtrail_events_time ON cloudtrail_events (account_id, event_time, event_id);
CREATE INDEX cloudtrail_events_name ON cloudtrail_events (account_id, event_name, event_time);
CREATE INDEX cloudtrail_events_source ON cloudtrail_events (account_id, event_source, event_time);
CREATE INDEX cloudtrail_events_read_only ON cloudtrail_events (account_id, read_only, event_time);
CREATE INDEX cloudtrail_events_username ON cloudtrail_events (account_id, username, event_time);
CREATE INDEX cloudtrail_events_access_key ON cloudtrail_events (account_id, access_key_id, event_time);
CREATE INDEX cloudtrail_events_swept ON cloudtrail_events (event_time);

-- The resources of each event, by type and by name (the ARN, and the short name a console shows,
-- such as a bucket's), for the ResourceType and ResourceName lookups.
CREATE TABLE cloudtrail_event_resources (
  account_id    TEXT NOT NULL,
  event_id      TEXT NOT NULL,
  event_time    BIGINT NOT NULL,
  resource_type TEXT NOT NULL,
  resource_name TEXT NOT NULL
);
CREATE INDEX cloudtrail_resources_type ON cloudtrail_event_resources (account_id, resource_type, event_time);
CREATE INDEX cloudtrail_resources_name ON cloudtrail_event_resources (account_id, resource_name, event_time);
CREATE INDEX cloudtrail_resources_event ON cloudtrail_event_resources (account_id, event_id);
CREATE INDEX cloudtrail_resources_swept ON cloudtrail_event_resources (event_time);
