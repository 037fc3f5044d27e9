-- SSM Parameter Store: every stored version of every parameter, per account and region. The newest
-- version is the parameter; older ones are its history (AWS keeps 100). A SecureString's value is
-- its KMS ciphertext, base64; the plaintext is never stored. Times are epoch milliseconds.
CREATE TABLE ssm_parameters (
  account_id      TEXT NOT NULL,
  region          TEXT NOT NULL,
  name            TEXT NOT NULL,
  version         BIGINT NOT NULL,
  type            TEXT NOT NULL,
  value           TEXT NOT NULL,
  key_id          TEXT,
  description     TEXT,
  allowed_pattern TEXT,
  tier            TEXT NOT NULL,
  data_type       TEXT NOT NULL,
  modified_at     BIGINT NOT NULL,
  modified_user   TEXT NOT NULL,
  PRIMARY KEY (account_id, region, name, version)
);
