-- What each principal was allowed to do: one row per allowed authorization decision of a call that
-- was not denied, with the IAM action and resource as the decision had them, so that policy
-- generation and unused-permission reports need not re-parse the records. principal_arn is the
-- user, the role (for every session of it) or the account root; account_id is its account.
CREATE TABLE cloudtrail_action_uses (
  account_id    TEXT NOT NULL,
  principal_arn TEXT NOT NULL,
  event_id      TEXT NOT NULL,
  event_time    BIGINT NOT NULL,
  action        TEXT NOT NULL,
  resource      TEXT NOT NULL,
  invoked_by    TEXT
);
CREATE INDEX cloudtrail_action_uses_principal
  ON cloudtrail_action_uses (account_id, principal_arn, event_time);
CREATE INDEX cloudtrail_action_uses_swept ON cloudtrail_action_uses (event_time);
