package ferry.s3;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bucket's tag set, in the order it was sent, once it passed S3's limits.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html">
 *     PutBucketTagging</a>
 */
public record BucketTags(Map<String, String> tags) {
  static final int MAX_TAGS = 50;

  public BucketTags {
    tags = new LinkedHashMap<>(tags);
  }

  /** Refuses a tag set S3 would refuse: more than 50 tags, a key or value out of bounds, aws:. */
  static void check(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw S3Errors.badRequest("Bucket tag count cannot be greater than " + MAX_TAGS);
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      String key = tag.getKey();
      if (key.isEmpty() || key.codePointCount(0, key.length()) > 128) {
        throw S3Errors.invalidTag("The TagKey you have provided is invalid");
      }
      String value = tag.getValue();
      if (value.codePointCount(0, value.length()) > 256) {
        throw S3Errors.invalidTag("The TagValue you have provided is invalid");
      }
      if (key.startsWith("aws:")) {
        throw S3Errors.invalidTag("System tags cannot be added/updated by requester");
      }
      if (key.regionMatches(true, 0, "aws:", 0, 4)) {
        throw S3Errors.invalidTag(
            "Invalid Tag. Tags cannot start with \"aws:\"(case insensitive) unless they are System"
                + " Tags that start with \"aws:\"(case sensitive)");
      }
    }
  }
}
