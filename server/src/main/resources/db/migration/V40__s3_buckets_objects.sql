-- S3 buckets share one global namespace; each belongs to one account and region.
CREATE TABLE s3_buckets (
  name             TEXT PRIMARY KEY,
  account_id       TEXT NOT NULL,
  region           TEXT NOT NULL,
  created          BIGINT NOT NULL,
  versioning       TEXT,
  object_ownership TEXT
);

-- Every version of every object; version_id 'null' is the unversioned one. seq orders the
-- versions of a bucket from oldest to newest.
CREATE TABLE s3_objects (
  bucket        TEXT NOT NULL REFERENCES s3_buckets (name),
  object_key    TEXT NOT NULL,
  version_id    TEXT NOT NULL,
  seq           BIGINT NOT NULL,
  latest        INTEGER NOT NULL,
  delete_marker INTEGER NOT NULL,
  size          BIGINT NOT NULL,
  etag          TEXT,
  content_type  TEXT,
  headers       TEXT,
  owner_account TEXT NOT NULL,
  blob_id       TEXT,
  created       BIGINT NOT NULL,
  PRIMARY KEY (bucket, object_key, version_id)
);

CREATE INDEX s3_objects_latest ON s3_objects (bucket, latest, object_key);
