package ferry.s3;

import java.util.Map;

/**
 * The limits of an object's tag set.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html">Object
 *     tagging</a>
 */
final class ObjectTags {
  private ObjectTags() {}

  static void check(Map<String, String> tags) {
    if (tags.size() > 10) {
      throw S3Errors.invalidTag("Object tags cannot be greater than 10");
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
        throw S3Errors.invalidTag("The TagKey you have provided is invalid");
      }
      if (tag.getValue().length() > 256) {
        throw S3Errors.invalidTag("The TagValue you have provided is invalid");
      }
      if (tag.getKey().startsWith("aws:")) {
        throw S3Errors.invalidTag("Your TagKey cannot be prefixed with aws:");
      }
    }
  }
}
