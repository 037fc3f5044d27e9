-- A part refers to its upload, so a part can no longer be recorded for an upload that an abort,
-- a completion or its bucket's deletion removed meanwhile (the row stayed behind, and on
-- PostgreSQL its file too). On PostgreSQL the reference also locks the upload's row until the
-- part commits, so a removal waits for the part and takes it with it. Parts already left behind
-- by a removed upload are not copied.
CREATE TABLE s3_parts_referenced (
  upload_id   TEXT NOT NULL REFERENCES s3_uploads (upload_id),
  part_number INTEGER NOT NULL,
  segment_id  BIGINT NOT NULL,
  size        BIGINT NOT NULL,
  etag        TEXT NOT NULL,
  checksum    TEXT,
  blob_id     TEXT NOT NULL,
  created     BIGINT NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);

INSERT INTO s3_parts_referenced
  SELECT upload_id, part_number, segment_id, size, etag, checksum, blob_id, created FROM s3_parts
  WHERE upload_id IN (SELECT upload_id FROM s3_uploads);

DROP TABLE s3_parts;

ALTER TABLE s3_parts_referenced RENAME TO s3_parts;
