-- A trail's event selectors (PutEventSelectors), as JSON: a list of {ReadWriteType,
-- IncludeManagementEvents, DataResources, ExcludeManagementEventSources}. NULL is a trail's default:
-- every management event, read and write, and no data events.
ALTER TABLE cloudtrail_trails ADD COLUMN event_selectors TEXT;

-- The tags of each trail (CreateTrail's TagsList, AddTags, RemoveTags), removed with it.
CREATE TABLE cloudtrail_trail_tags (
  account_id  TEXT NOT NULL,
  home_region TEXT NOT NULL,
  name        TEXT NOT NULL,
  tag_key     TEXT NOT NULL,
  tag_value   TEXT NOT NULL,
  PRIMARY KEY (account_id, home_region, name, tag_key)
);
