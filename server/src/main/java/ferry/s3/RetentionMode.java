package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * An Object Lock retention mode: GOVERNANCE, which callers with s3:BypassGovernanceRetention may
 * shorten or lift, and COMPLIANCE, which nobody may.
 */
public enum RetentionMode {
  GOVERNANCE,
  COMPLIANCE;

  /** The mode of its wire name, or null for a name S3 does not know. */
  public static @Nullable RetentionMode fromWire(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (RetentionMode mode : values()) {
      if (mode.name().equals(name.trim())) {
        return mode;
      }
    }
    return null;
  }
}
