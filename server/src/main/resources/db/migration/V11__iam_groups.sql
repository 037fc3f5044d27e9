-- IAM groups; their inline and attached policies live in iam_inline_policies and iam_attachments
-- with entity_type 'group'.
CREATE TABLE iam_groups (
  account_id TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  name       TEXT NOT NULL,
  group_id   TEXT NOT NULL UNIQUE,
  path       TEXT NOT NULL,
  created    BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

-- Which users are in which groups (keys are the lower-case names); seq keeps the joining order.
CREATE TABLE iam_group_members (
  account_id TEXT NOT NULL,
  group_key  TEXT NOT NULL,
  user_key   TEXT NOT NULL,
  seq        BIGINT NOT NULL,
  PRIMARY KEY (account_id, group_key, user_key)
);

CREATE INDEX iam_group_members_by_user ON iam_group_members (account_id, user_key);
