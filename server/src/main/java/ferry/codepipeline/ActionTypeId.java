package ferry.codepipeline;

/** Which action: category, owner, provider and version, e.g. Deploy / AWS / S3 / 1. */
public record ActionTypeId(String category, String owner, String provider, String version) {
  public static final ActionTypeId S3_SOURCE = new ActionTypeId("Source", "AWS", "S3", "1");
  public static final ActionTypeId S3_DEPLOY = new ActionTypeId("Deploy", "AWS", "S3", "1");
  public static final ActionTypeId MANUAL_APPROVAL =
      new ActionTypeId("Approval", "AWS", "Manual", "1");

  @Override
  public String toString() {
    return "(Category: '"
        + category
        + "', Provider: '"
        + provider
        + "', Owner: '"
        + owner
        + "', Version: '"
        + version
        + "')";
  }
}
