-- SSE-C: the salted HMAC of the customer's key (never the key), to recognise it on later
-- requests; the data key, wrapped under the customer's key, is in encrypted_key.
-- Object Lock per version: retention mode and date (epoch millis), legal hold ON or OFF; an
-- upload keeps what its object will get.
ALTER TABLE s3_objects ADD COLUMN customer_key_check TEXT;
ALTER TABLE s3_objects ADD COLUMN retention_mode TEXT;
ALTER TABLE s3_objects ADD COLUMN retain_until BIGINT;
ALTER TABLE s3_objects ADD COLUMN legal_hold TEXT;
ALTER TABLE s3_uploads ADD COLUMN customer_key_check TEXT;
ALTER TABLE s3_uploads ADD COLUMN retention_mode TEXT;
ALTER TABLE s3_uploads ADD COLUMN retain_until BIGINT;
ALTER TABLE s3_uploads ADD COLUMN legal_hold TEXT;
