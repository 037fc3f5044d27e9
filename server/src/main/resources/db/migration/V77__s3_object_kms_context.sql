-- The encryption context an SSE-KMS object's writer added to S3's aws:s3:arn, as JSON (CloudTrail's
-- aws:cloudtrail:arn on a trail's log files); NULL when there is none. Decrypting the object's data
-- key needs the same context again, and key policies may test it.
ALTER TABLE s3_objects ADD COLUMN kms_context TEXT;
