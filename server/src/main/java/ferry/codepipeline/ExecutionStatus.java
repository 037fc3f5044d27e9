package ferry.codepipeline;

/** A pipeline execution's status, as the API spells it. */
public enum ExecutionStatus {
  IN_PROGRESS("InProgress"),
  STOPPING("Stopping"),
  STOPPED("Stopped"),
  SUCCEEDED("Succeeded"),
  SUPERSEDED("Superseded"),
  FAILED("Failed"),
  CANCELLED("Cancelled");

  private final String wireName;

  ExecutionStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isActive() {
    return this == IN_PROGRESS || this == STOPPING;
  }
}
