package ferry.s3;

import java.util.regex.Pattern;

/**
 * Validates bucket names by S3's general purpose bucket naming rules.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html">Bucket
 *     naming rules</a>
 */
public final class BucketName {
  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

  private BucketName() {}

  /** Why the name is invalid, or null when it is valid. */
  public static @org.jspecify.annotations.Nullable String problem(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return "Bucket names must be between 3 (min) and 63 (max) characters long.";
    }
    if (!SHAPE.matcher(name).matches()) {
      return "Bucket names can consist only of lowercase letters, numbers, dots (.), and hyphens"
          + " (-), and must begin and end with a letter or number.";
    }
    if (name.contains("..")) {
      return "Bucket names must not contain two adjacent periods.";
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return "Bucket names must not be formatted as an IP address.";
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
      return "Bucket names must not start with the prefix xn--, sthree- or amzn-s3-demo-.";
    }
    if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith("--x-s3")) {
      return "Bucket names must not end with the suffix -s3alias, --ol-s3 or --x-s3.";
    }
    return null;
  }
}
