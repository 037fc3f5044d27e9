package ferry.s3;

import org.jspecify.annotations.Nullable;

/** An object version's Object Lock legal hold: while ON, the version cannot be deleted. */
public enum LegalHold {
  ON,
  OFF;

  /** The status of its wire name, or null for a name S3 does not know. */
  public static @Nullable LegalHold fromWire(@Nullable String name) {
    if (name == null) {
      return null;
    }
    for (LegalHold status : values()) {
      if (status.name().equals(name.trim())) {
        return status;
      }
    }
    return null;
  }
}
