package ferry.s3;

/** A bucket's versioning state; a bucket that was never versioned has none. */
public enum Versioning {
  ENABLED("Enabled"),
  SUSPENDED("Suspended");

  private final String wireName;

  Versioning(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
