-- Tags of pipelines, by the pipeline's ARN, in the order they were first put.
CREATE TABLE codepipeline_tags (
  arn       TEXT NOT NULL,
  tag_key   TEXT NOT NULL,
  tag_value TEXT NOT NULL,
  seq       BIGINT NOT NULL,
  PRIMARY KEY (arn, tag_key)
);
