-- A write reads its key's highest seq (the next version's order) under the key's lock, so writes of
-- different keys in one bucket go side by side. This index answers that read alone, and lists a
-- key's versions newest first; the bucket-wide one it replaces is no longer read.
DROP INDEX s3_objects_seq;
CREATE INDEX s3_objects_key_seq ON s3_objects (bucket, object_key, seq);
