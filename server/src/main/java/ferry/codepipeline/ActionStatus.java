package ferry.codepipeline;

/** An action execution's status, as the API spells it. */
public enum ActionStatus {
  IN_PROGRESS("InProgress"),
  SUCCEEDED("Succeeded"),
  FAILED("Failed"),
  ABANDONED("Abandoned");

  private final String wireName;

  ActionStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
