package ferry.iam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of IAM tags: at most 50 on an entity, keys of 1 to 128 and values of up to 256
 * characters, and keys compared without regard to case (a new {@code Team} replaces {@code team}).
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html">Tags for IAM
 *     resources</a>
 */
public final class IamTags {
  static final int MAX_TAGS = 50;
  private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
  private static final Pattern VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private IamTags() {}

  /**
   * A request's tags in their order; two keys that differ only in case are InvalidInput, as IAM
   * answers them.
   */
  public static Map<String, String> fromRequest(List<Map.Entry<String, String>> tags) {
    Map<String, String> byKey = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (var tag : tags) {
      if (seen.put(tag.getKey().toLowerCase(Locale.ROOT), tag.getKey()) != null) {
        throw IamErrors.invalidInput(
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
      byKey.put(tag.getKey(), tag.getValue());
    }
    return byKey;
  }

  /** Checks each tag's key and value; {@code noun} names the quota: Role, User, Policy … */
  static void validate(Map<String, String> tags, String noun) {
    int i = 1;
    for (var tag : tags.entrySet()) {
      String field = "tags." + i + ".member";
      String key = tag.getKey();
      if (key.isEmpty() || key.length() > 128) {
        throw IamErrors.constraint(
            field + ".key",
            key,
            key.isEmpty()
                ? "Member must have length greater than or equal to 1"
                : "Member must have length less than or equal to 128");
      }
      if (!KEY.matcher(key).matches()) {
        throw IamErrors.constraint(
            field + ".key",
            key,
            "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
      }
      String value = tag.getValue();
      if (value.length() > 256) {
        throw IamErrors.constraint(
            field + ".value", value, "Member must have length less than or equal to 256");
      }
      if (!VALUE.matcher(value).matches()) {
        throw IamErrors.constraint(
            field + ".value",
            value,
            "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
      }
      i++;
    }
    requireQuota(tags, noun);
  }

  /** {@code existing} with {@code added} on top; a key of another case replaces the old one. */
  static Map<String, String> merge(
      Map<String, String> existing, Map<String, String> added, String noun) {
    validate(added, noun);
    Map<String, String> merged = new LinkedHashMap<>();
    existing.forEach((key, value) -> {
      if (added.keySet().stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
        merged.put(key, value);
      }
    });
    merged.putAll(added);
    requireQuota(merged, noun);
    return merged;
  }

  /** {@code existing} without the keys named, in any case. */
  static Map<String, String> remove(Map<String, String> existing, List<String> keys) {
    Map<String, String> remaining = new LinkedHashMap<>();
    existing.forEach((key, value) -> {
      if (keys.stream().noneMatch(k -> k.equalsIgnoreCase(key))) {
        remaining.put(key, value);
      }
    });
    return remaining;
  }

  private static void requireQuota(Map<String, String> tags, String noun) {
    if (tags.size() > MAX_TAGS) {
      throw IamErrors.limitExceeded("Cannot exceed quota for TagsPer" + noun + ": " + MAX_TAGS);
    }
  }
}
