-- Temporary credentials from AssumeRole and GetSessionToken. principal_kind is assumed-role,
-- user or root; the role or user columns describe the principal. Session policies are a JSON array
-- of documents and tags a JSON object, read with the row in one indexed query.
CREATE TABLE sts_sessions (
  access_key_id     TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  session_token     TEXT NOT NULL,
  account_id        TEXT NOT NULL,
  principal_kind    TEXT NOT NULL,
  path              TEXT,
  name              TEXT,
  unique_id         TEXT,
  session_name      TEXT,
  session_policies  TEXT NOT NULL,
  session_tags      TEXT NOT NULL,
  chained           INTEGER NOT NULL,
  expiration        BIGINT NOT NULL,
  created           BIGINT NOT NULL
);

CREATE INDEX sts_sessions_by_expiration ON sts_sessions (expiration);
