package ferry.cloudformation;

import org.jspecify.annotations.Nullable;

/**
 * A stack parameter's value as the stack holds it: the value given (or the default), whether the
 * template declares it {@code NoEcho} (then it is shown as {@code ****}), and for an {@code
 * AWS::SSM::Parameter::Value<…>} parameter what the name resolved to.
 */
public record StackParameter(
    String key, String value, @Nullable String resolvedValue, boolean noEcho) {

  /** The value as DescribeStacks shows it. */
  public String shownValue() {
    return noEcho ? "****" : value;
  }
}
