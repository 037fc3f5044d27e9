-- The SourceIdentity an AssumeRole set; role chaining carries it on to the next session.
ALTER TABLE sts_sessions ADD COLUMN source_identity TEXT;
