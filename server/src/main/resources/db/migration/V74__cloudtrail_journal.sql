-- How far each Ferry node's CloudTrail journal (<data>/cloudtrail/journal-<number>.log: the calls
-- recorded before their answers were sent, whose events are still to be built) has been turned into
-- events: the file's number and the byte offset after the last entry written as events. It moves in
-- the same transaction as those events, so a restart replays exactly the entries whose events are
-- missing.
CREATE TABLE cloudtrail_journal (
  journal_id  TEXT NOT NULL PRIMARY KEY,
  file_number BIGINT NOT NULL,
  file_offset BIGINT NOT NULL
);
