-- A multipart upload's checksum type: FULL_OBJECT (a CRC of the whole object, combined from the
-- parts' CRCs) or, when absent, COMPOSITE (a checksum of the parts' checksums).
ALTER TABLE s3_uploads ADD COLUMN checksum_type TEXT;
