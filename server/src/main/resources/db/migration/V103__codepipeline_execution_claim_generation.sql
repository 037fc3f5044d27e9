-- The fencing token of an execution's claim: raised by every claim and takeover, so a worker that
-- lost its claim (stalled past its lease) sees that it no longer holds the execution, even when the
-- same process claimed it again since.
ALTER TABLE codepipeline_executions ADD COLUMN claim_generation BIGINT NOT NULL DEFAULT 0;
