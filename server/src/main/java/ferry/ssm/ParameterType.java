package ferry.ssm;

import org.jspecify.annotations.Nullable;

/** A parameter's {@code Type}, as AWS spells it on the wire. */
public enum ParameterType {
  STRING("String"),
  STRING_LIST("StringList"),
  SECURE_STRING("SecureString");

  private final String wireName;

  ParameterType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type a request names; absent when it names none, AWS's enum error when it is unknown. */
  public static @Nullable ParameterType of(@Nullable String wireName) {
    if (wireName == null) {
      return null;
    }
    for (ParameterType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw SsmErrors.validation(
        "1 validation error detected: Value '"
            + wireName
            + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set:"
            + " [SecureString, StringList, String]");
  }
}
