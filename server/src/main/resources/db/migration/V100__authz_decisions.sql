-- Authorization decisions, so that a decision id in an error is explained by any Ferry node that
-- shares the database, not only by the one that decided. The explanation is stored rendered.
CREATE TABLE authz_decisions (
  decision_id TEXT PRIMARY KEY,
  decided     BIGINT NOT NULL,
  principal   TEXT NOT NULL,
  action      TEXT NOT NULL,
  resource    TEXT NOT NULL,
  allowed     INTEGER NOT NULL,
  message     TEXT NOT NULL,
  explanation TEXT NOT NULL
);

CREATE INDEX authz_decisions_decided ON authz_decisions (decided);
