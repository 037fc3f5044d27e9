package ferry.cloudformation.template;

import org.jspecify.annotations.Nullable;

/**
 * SSM Parameter Store as {@code AWS::SSM::Parameter::Value<…>} parameters read it, as the stack's
 * caller; the stacks code implements it over the SSM service.
 */
public interface SsmParameterValues {
  /**
   * The parameter's value (a {@code StringList}'s comma-separated); null when it does not exist.
   */
  @Nullable String value(String name);

  SsmParameterValues NONE = name -> null;
}
