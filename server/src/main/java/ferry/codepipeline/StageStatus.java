package ferry.codepipeline;

/** A stage execution's status, as the API spells it. */
public enum StageStatus {
  IN_PROGRESS("InProgress"),
  STOPPING("Stopping"),
  STOPPED("Stopped"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  CANCELLED("Cancelled"),
  SKIPPED("Skipped");

  private final String wireName;

  StageStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
