-- The tags of SSM parameters (of the parameter, not of a version): removed with the parameter.
CREATE TABLE ssm_parameter_tags (
  account_id TEXT NOT NULL,
  region     TEXT NOT NULL,
  name       TEXT NOT NULL,
  tag_key    TEXT NOT NULL,
  tag_value  TEXT NOT NULL,
  PRIMARY KEY (account_id, region, name, tag_key)
);
