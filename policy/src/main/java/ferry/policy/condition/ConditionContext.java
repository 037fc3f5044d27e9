package ferry.policy.condition;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The request values that conditions and policy variables read. */
public interface ConditionContext {

  /**
   * The values of a context key, or null when the request does not carry the key.
   *
   * @param lowerCaseKey the key name in lower case, since key names are case-insensitive
   */
  @Nullable List<String> values(String lowerCaseKey);

  /**
   * Whether a key is multivalued ({@code ArrayOfString}, such as {@code aws:TagKeys}); such keys
   * need {@code ForAnyValue:} or {@code ForAllValues:}, a plain operator never matches them.
   */
  boolean isMultivalued(String lowerCaseKey);

  /** The single value of a key, or null when it is absent or multivalued. */
  default @Nullable String value(String lowerCaseKey) {
    List<String> values = values(lowerCaseKey);
    return values != null && values.size() == 1 && !isMultivalued(lowerCaseKey)
        ? values.get(0)
        : null;
  }
}
