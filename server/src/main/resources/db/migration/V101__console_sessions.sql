-- Console sessions, so that a browser signed in on one Ferry node is signed in on every node
-- sharing the database. The cookie's id is kept only as its SHA-256; the credential is named by its
-- access key id and looked up again on each request, so a deleted key or an expired role session
-- ends the console session too.
CREATE TABLE console_sessions (
  session_hash          TEXT PRIMARY KEY,
  csrf_token            TEXT NOT NULL,
  access_key_id         TEXT NOT NULL,
  switched_from_key_id  TEXT,
  expires               BIGINT NOT NULL
);

CREATE INDEX console_sessions_expires ON console_sessions (expires);
