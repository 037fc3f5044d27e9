-- IAM instance profiles, and the one role each may hold (keys are lower-case names).
CREATE TABLE iam_instance_profiles (
  account_id          TEXT NOT NULL,
  name_key            TEXT NOT NULL,
  name                TEXT NOT NULL,
  instance_profile_id TEXT NOT NULL UNIQUE,
  path                TEXT NOT NULL,
  created             BIGINT NOT NULL,
  PRIMARY KEY (account_id, name_key)
);

CREATE TABLE iam_instance_profile_roles (
  account_id  TEXT NOT NULL,
  profile_key TEXT NOT NULL,
  role_key    TEXT NOT NULL,
  PRIMARY KEY (account_id, profile_key)
);

CREATE INDEX iam_instance_profile_roles_by_role ON iam_instance_profile_roles (account_id, role_key);
