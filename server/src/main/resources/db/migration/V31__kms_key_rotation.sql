-- Key material added by rotation. A key's first material stays in kms_keys.wrapped_material
-- (material 0); each rotation adds the next number. A multi-Region key's replicas share its
-- materials, so they are kept per account and key id, not per region. The newest is current:
-- it encrypts, and every older one still decrypts the ciphertexts that name it.
CREATE TABLE kms_key_materials (
  account_id       TEXT NOT NULL,
  key_id           TEXT NOT NULL,
  material         INTEGER NOT NULL,
  wrapped_material TEXT NOT NULL,
  rotation_date    BIGINT NOT NULL,
  rotation_type    TEXT NOT NULL,
  PRIMARY KEY (account_id, key_id, material)
);

-- Automatic rotation: the period in days (NULL when off) and when the next one is due.
ALTER TABLE kms_keys ADD COLUMN rotation_period_days INTEGER;
ALTER TABLE kms_keys ADD COLUMN next_rotation BIGINT;
