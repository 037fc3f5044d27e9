-- IAM Access Analyzer's policy generation jobs: who asked (account), for which principal, over which
-- time range, and the result. Times are epoch milliseconds; policy is the generated document, null
-- when no activity was found; trails is the CloudTrailDetails' trails as sent (JSON), if any.
CREATE TABLE accessanalyzer_policy_generations (
  account_id     TEXT NOT NULL,
  job_id         TEXT NOT NULL,
  principal_arn  TEXT NOT NULL,
  status         TEXT NOT NULL,
  started_on     BIGINT NOT NULL,
  completed_on   BIGINT,
  start_time     BIGINT NOT NULL,
  end_time       BIGINT NOT NULL,
  trails         TEXT,
  policy         TEXT,
  PRIMARY KEY (account_id, job_id)
);
CREATE INDEX accessanalyzer_generations_started
  ON accessanalyzer_policy_generations (account_id, started_on, job_id);
