package ferry.s3;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A bucket's lifecycle configuration: its rules, and the transition default minimum object size it
 * was put with (which only concerns transitions, which Ferry refuses, so it is kept and answered).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html">PutBucketLifecycleConfiguration</a>
 */
public record LifecycleConfiguration(
    List<LifecycleRule> rules, String transitionDefaultMinimumObjectSize) {

  static final BucketSetting<LifecycleConfiguration> SETTING =
      new BucketSetting<>("lifecycle", LifecycleConfiguration.class);

  /** S3's default since September 2024. */
  public static final String DEFAULT_MINIMUM_OBJECT_SIZE = "all_storage_classes_128K";

  public static final Set<String> MINIMUM_OBJECT_SIZES =
      Set.of("all_storage_classes_128K", "varies_by_storage_class");

  static final int MAX_RULES = 1000;
  static final int MAX_ID_LENGTH = 255;

  public LifecycleConfiguration {
    rules = List.copyOf(rules);
  }

  /** Checks the rules as S3 does, with S3's error codes and messages; nothing is stored before. */
  public void validate() {
    if (rules.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    if (rules.size() > MAX_RULES) {
      throw S3Errors.invalidRequest(
          "The number of lifecycle rules must not exceed the allowed limit of "
              + MAX_RULES
              + " rules");
    }
    Set<String> ids = new HashSet<>();
    for (LifecycleRule rule : rules) {
      validate(rule);
      if (!ids.add(rule.id())) {
        throw S3Errors.invalidArgument(
            "Rule ID must be unique. Found same ID for more than one rule", "ID", rule.id());
      }
    }
  }

  private static void validate(LifecycleRule rule) {
    if (rule.id().length() > MAX_ID_LENGTH) {
      throw S3Errors.invalidArgument(
          "ID length should not exceed allowed limit of " + MAX_ID_LENGTH, "ID", rule.id());
    }
    if (!rule.hasAction()) {
      throw S3Errors.invalidRequest("At least one action needs to be specified in a rule");
    }
    LifecycleFilter filter = rule.filter();
    Long greater = filter.sizeGreaterThan();
    Long less = filter.sizeLessThan();
    if ((greater != null && greater < 0) || (less != null && less < 0)) {
      throw S3Errors.invalidArgument(
          "ObjectSizeGreaterThan and ObjectSizeLessThan must be non-negative",
          greater != null && greater < 0 ? "ObjectSizeGreaterThan" : "ObjectSizeLessThan",
          String.valueOf(greater != null && greater < 0 ? greater : less));
    }
    if (greater != null && less != null && greater >= less) {
      throw S3Errors.invalidRequest(
          "ObjectSizeGreaterThan must be less than ObjectSizeLessThan in a filter");
    }
    boolean expiresByTime = rule.expirationDays() != null || rule.expirationDate() != null;
    if (rule.expirationDays() != null && rule.expirationDate() != null) {
      throw S3Errors.malformedXml();
    }
    if (rule.expiredObjectDeleteMarker() != null && expiresByTime) {
      // S3: ExpiredObjectDeleteMarker cannot be specified with Days or Date.
      throw S3Errors.malformedXml();
    }
    if (rule.expirationDays() != null && rule.expirationDays() <= 0) {
      throw S3Errors.invalidArgument(
          "'Days' for Expiration action must be a positive integer",
          "Days",
          rule.expirationDays().toString());
    }
    if (rule.expirationDate() != null) {
      checkMidnight(rule.expirationDate());
    }
    if (rule.removesExpiredDeleteMarkers() && filter.hasTags()) {
      throw S3Errors.invalidRequest("ExpiredObjectDeleteMarker cannot be specified with Tags.");
    }
    if (rule.newerNoncurrentVersions() != null && rule.noncurrentDays() == null) {
      throw S3Errors.malformedXml();
    }
    if (rule.noncurrentDays() != null && rule.noncurrentDays() <= 0) {
      throw S3Errors.invalidArgument(
          "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer",
          "NoncurrentDays",
          rule.noncurrentDays().toString());
    }
    Integer newer = rule.newerNoncurrentVersions();
    if (newer != null && (newer <= 0 || newer > 100)) {
      throw S3Errors.invalidArgument(
          "'NewerNoncurrentVersions' for NoncurrentVersionExpiration action must be a positive"
              + " integer no greater than 100",
          "NewerNoncurrentVersions",
          newer.toString());
    }
    Integer abort = rule.abortDaysAfterInitiation();
    if (abort != null && filter.hasTags()) {
      throw S3Errors.invalidRequest(
          "AbortIncompleteMultipartUpload cannot be specified with Tags.");
    }
    if (abort != null && abort <= 0) {
      throw S3Errors.invalidArgument(
          "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive"
              + " integer",
          "DaysAfterInitiation",
          abort.toString());
    }
  }

  private static void checkMidnight(String date) {
    Instant instant;
    try {
      instant = Instant.parse(date);
    } catch (DateTimeParseException e) {
      throw S3Errors.malformedXml();
    }
    if (!instant.equals(instant.truncatedTo(ChronoUnit.DAYS))) {
      throw S3Errors.invalidArgument("'Date' must be at midnight GMT", "Date", date);
    }
  }
}
