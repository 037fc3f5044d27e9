-- The KMS key a trail's log files are encrypted with (SSE-KMS), as the key's ARN; NULL for log
-- files encrypted with SSE-S3.
ALTER TABLE cloudtrail_trails ADD COLUMN kms_key_id TEXT;
