package ferry.aws;

/** An AWS region name such as {@code us-east-1}. */
public record Region(String name) {
  public static final Region US_EAST_1 = new Region("us-east-1");

  public Region {
    if (name.isBlank()) {
      throw new IllegalArgumentException("A region name must not be blank");
    }
  }

  public static Region of(String name) {
    // The Java SDK signs global services for "aws-global"; resources of regional services live in
    // us-east-1 then, as they do for the SDK's global endpoint.
    return "aws-global".equals(name) ? US_EAST_1 : new Region(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
