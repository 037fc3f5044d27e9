-- KMS keys. A multi-Region key and its replicas share key_id and differ in region. The key
-- material is stored only wrapped (AES-256-GCM) under the server master key, base64 encoded.
CREATE TABLE kms_keys (
  account_id          TEXT NOT NULL,
  region              TEXT NOT NULL,
  key_id              TEXT NOT NULL,
  description         TEXT NOT NULL,
  key_state           TEXT NOT NULL,
  key_manager         TEXT NOT NULL,
  created             BIGINT NOT NULL,
  deletion_date       BIGINT,
  pending_window_days INTEGER,
  multi_region        INTEGER NOT NULL,
  primary_region      TEXT,
  policy              TEXT NOT NULL,
  tags                TEXT NOT NULL,
  wrapped_material    TEXT NOT NULL,
  PRIMARY KEY (account_id, region, key_id)
);

-- An alias lives in one account and region and points at one key there.
CREATE TABLE kms_aliases (
  account_id   TEXT NOT NULL,
  region       TEXT NOT NULL,
  alias_name   TEXT NOT NULL,
  key_id       TEXT NOT NULL,
  created      BIGINT NOT NULL,
  last_updated BIGINT NOT NULL,
  PRIMARY KEY (account_id, region, alias_name)
);

CREATE INDEX kms_aliases_key ON kms_aliases (account_id, region, key_id);

-- Grants: operations on one key allowed to one grantee principal, with optional
-- encryption-context constraints (JSON).
CREATE TABLE kms_grants (
  grant_id           TEXT PRIMARY KEY,
  account_id         TEXT NOT NULL,
  region             TEXT NOT NULL,
  key_id             TEXT NOT NULL,
  grant_name         TEXT,
  grantee_principal  TEXT NOT NULL,
  retiring_principal TEXT,
  issuing_account    TEXT NOT NULL,
  operations         TEXT NOT NULL,
  constraints        TEXT,
  grant_token        TEXT NOT NULL,
  created            BIGINT NOT NULL
);

CREATE INDEX kms_grants_key ON kms_grants (account_id, region, key_id);
