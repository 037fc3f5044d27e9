package ferry.policy.eval;

/** The three results of an authorization decision. */
public enum Outcome {
  ALLOW,
  EXPLICIT_DENY,
  IMPLICIT_DENY
}
