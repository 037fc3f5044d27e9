-- IAM entities per account. Names are unique without regard to case, as in AWS: name_key is the
-- lower-case name that the primary keys use, name the spelling the caller chose.
CREATE TABLE iam_users (
  account_id           TEXT NOT NULL,
  name_key             TEXT NOT NULL,
  name                 TEXT NOT NULL,
  user_id              TEXT NOT NULL UNIQUE,
  path                 TEXT NOT NULL,
  permissions_boundary TEXT,
  created              BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

-- Long-term keys of IAM users are found with their user in one indexed query.
CREATE INDEX iam_users_by_name ON iam_users (account_id, name);

CREATE TABLE iam_roles (
  account_id           TEXT NOT NULL,
  name_key             TEXT NOT NULL,
  name                 TEXT NOT NULL,
  role_id              TEXT NOT NULL UNIQUE,
  path                 TEXT NOT NULL,
  trust_policy         TEXT NOT NULL,
  description          TEXT,
  max_session_duration INTEGER NOT NULL,
  permissions_boundary TEXT,
  created              BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

-- Customer managed policies; the document lives in its versions.
CREATE TABLE iam_policies (
  account_id      TEXT NOT NULL,
  name_key        TEXT NOT NULL,
  name            TEXT NOT NULL,
  policy_id       TEXT NOT NULL UNIQUE,
  path            TEXT NOT NULL,
  arn             TEXT NOT NULL UNIQUE,
  description     TEXT,
  default_version TEXT NOT NULL,
  next_version    INTEGER NOT NULL,
  created         BIGINT NOT NULL,
  updated         BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

CREATE TABLE iam_policy_versions (
  policy_arn TEXT NOT NULL,
  version_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  document   TEXT NOT NULL,
  created    BIGINT NOT NULL,
  PRIMARY KEY (policy_arn, version_id)
);

-- Managed policies attached to users and roles (entity_type 'user' or 'role').
CREATE TABLE iam_attachments (
  account_id  TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_key  TEXT NOT NULL,
  policy_arn  TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  PRIMARY KEY (account_id, entity_type, entity_key, policy_arn)
);

CREATE INDEX iam_attachments_by_policy ON iam_attachments (policy_arn);

CREATE TABLE iam_inline_policies (
  account_id  TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_key  TEXT NOT NULL,
  policy_name TEXT NOT NULL,
  document    TEXT NOT NULL,
  PRIMARY KEY (account_id, entity_type, entity_key, policy_name)
);

CREATE TABLE iam_tags (
  account_id  TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_key  TEXT NOT NULL,
  tag_key     TEXT NOT NULL,
  tag_value   TEXT NOT NULL,
  seq         BIGINT NOT NULL,
  PRIMARY KEY (account_id, entity_type, entity_key, tag_key)
);
