package ferry.s3;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which objects a lifecycle rule applies to: a key prefix, tags and object size bounds, given as a
 * rule's {@code Filter} (one condition, or several under {@code And}) or as the legacy top-level
 * {@code Prefix} of a rule.
 *
 * @param form how the filter was written, so it is answered as it was sent
 * @param prefix the key prefix; null when none was given
 * @param tags every tag an object must carry, in the order given
 * @param sizeGreaterThan objects must be larger than this many bytes
 * @param sizeLessThan objects must be smaller than this many bytes
 */
public record LifecycleFilter(
    Form form,
    @Nullable String prefix,
    Map<String, String> tags,
    @Nullable Long sizeGreaterThan,
    @Nullable Long sizeLessThan) {

  /** How a rule names its objects on the wire. */
  public enum Form {
    /** The deprecated {@code <Rule><Prefix>} */
    LEGACY_PREFIX,
    /** {@code <Filter>} with at most one condition */
    FILTER,
    /** {@code <Filter><And>} */
    AND
  }

  public LifecycleFilter {
    tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public boolean hasTags() {
    return !tags.isEmpty();
  }

  /** Whether an object version with this key, size and tags is one the rule applies to. */
  public boolean matches(String key, long size, Map<String, String> objectTags) {
    if (prefix != null && !key.startsWith(prefix)) {
      return false;
    }
    if (sizeGreaterThan != null && size <= sizeGreaterThan) {
      return false;
    }
    if (sizeLessThan != null && size >= sizeLessThan) {
      return false;
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!tag.getValue().equals(objectTags.get(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a key matches the prefix alone: for uploads and delete markers, which have no tags. */
  public boolean matchesKey(String key) {
    return prefix == null || key.startsWith(prefix);
  }
}
