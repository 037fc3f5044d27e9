package ferry.aws;

/**
 * An Amazon Resource Name, {@code arn:partition:service:region:account:resource}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html">ARNs</a>
 */
public record Arn(
    String partition, String service, String region, String account, String resource) {

  public static Arn of(String service, String region, String account, String resource) {
    return new Arn("aws", service, region, account, resource);
  }

  /** Parses an ARN; the resource part may itself contain colons. */
  public static Arn parse(String text) {
    String[] parts = text.split(":", 6);
    if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' is not an ARN");
    }
    return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
  }

  public static boolean isArn(String text) {
    return text.startsWith("arn:") && text.split(":", 6).length == 6;
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }
}
