-- Multipart uploads in progress and their parts; each part's bytes are a blob file.
CREATE TABLE s3_uploads (
  upload_id          TEXT PRIMARY KEY,
  bucket             TEXT NOT NULL REFERENCES s3_buckets (name),
  object_key         TEXT NOT NULL,
  initiator_arn      TEXT NOT NULL,
  owner_account      TEXT NOT NULL,
  initiated          BIGINT NOT NULL,
  headers            TEXT,
  acl                TEXT,
  tags               TEXT,
  checksum_algorithm TEXT,
  sse                TEXT,
  kms_key_id         TEXT,
  encrypted_key      TEXT
);

CREATE INDEX s3_uploads_bucket ON s3_uploads (bucket, object_key, initiated);

CREATE TABLE s3_parts (
  upload_id   TEXT NOT NULL,
  part_number INTEGER NOT NULL,
  segment_id  BIGINT NOT NULL,
  size        BIGINT NOT NULL,
  etag        TEXT NOT NULL,
  checksum    TEXT,
  blob_id     TEXT NOT NULL,
  created     BIGINT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);
