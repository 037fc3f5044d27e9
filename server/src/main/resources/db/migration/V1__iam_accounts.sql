-- Accounts and their long-term access keys. A key with no user belongs to the account's root.
CREATE TABLE accounts (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE,
  created BIGINT NOT NULL
);

CREATE TABLE access_keys (
  access_key_id     TEXT PRIMARY KEY,
  secret_access_key TEXT NOT NULL,
  account_id        TEXT NOT NULL REFERENCES accounts (id),
  user_name         TEXT,
  status            TEXT NOT NULL,
  created           BIGINT NOT NULL
);

CREATE INDEX access_keys_by_user ON access_keys (account_id, user_name);
