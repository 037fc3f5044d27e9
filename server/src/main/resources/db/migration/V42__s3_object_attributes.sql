-- Per version: ACL grants, tags, the flexible checksum, server-side encryption (algorithm, KMS
-- key, the data key encrypted under the server key or the KMS key) and the plaintext sizes of
-- the segments the blob is made of (one per multipart part), so ranges can be decrypted.
ALTER TABLE s3_objects ADD COLUMN acl TEXT;
ALTER TABLE s3_objects ADD COLUMN tags TEXT;
ALTER TABLE s3_objects ADD COLUMN checksum_algorithm TEXT;
ALTER TABLE s3_objects ADD COLUMN checksum TEXT;
ALTER TABLE s3_objects ADD COLUMN sse TEXT;
ALTER TABLE s3_objects ADD COLUMN kms_key_id TEXT;
ALTER TABLE s3_objects ADD COLUMN encrypted_key TEXT;
ALTER TABLE s3_objects ADD COLUMN segments TEXT;
