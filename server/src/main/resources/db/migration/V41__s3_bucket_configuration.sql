-- Bucket configuration beyond the basics: policy, ACL, default encryption, Block Public
-- Access and notifications. JSON documents are stored as TEXT; an absent setting is NULL.
ALTER TABLE s3_buckets ADD COLUMN policy TEXT;
ALTER TABLE s3_buckets ADD COLUMN acl TEXT;
ALTER TABLE s3_buckets ADD COLUMN encryption TEXT;
ALTER TABLE s3_buckets ADD COLUMN public_access_block TEXT;
ALTER TABLE s3_buckets ADD COLUMN notification TEXT;
ALTER TABLE s3_buckets ADD COLUMN event_bridge INTEGER NOT NULL DEFAULT 0;
