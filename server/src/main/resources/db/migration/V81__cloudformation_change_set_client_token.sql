-- CreateChangeSet's ClientToken: a retry with the same token and name answers with the change set
-- the first request made, instead of AlreadyExistsException.
ALTER TABLE cloudformation_change_sets ADD COLUMN client_token TEXT;
