-- The configurations a bucket may have besides those on s3_buckets (tagging, CORS, website,
-- lifecycle, logging, replication, accelerate, request payment, Object Lock …): one row per
-- bucket and setting, the setting's model as JSON. An absent setting has no row.
CREATE TABLE s3_bucket_settings (
  bucket   TEXT NOT NULL REFERENCES s3_buckets (name),
  setting  TEXT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (bucket, setting)
);
