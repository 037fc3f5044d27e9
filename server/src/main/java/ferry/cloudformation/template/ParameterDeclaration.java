package ferry.cloudformation.template;

import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a template's {@code Parameters}: its type and the constraints a value must meet.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html">Parameters</a>
 */
public record ParameterDeclaration(
    String name,
    String type,
    @Nullable String defaultValue,
    @Nullable String description,
    boolean noEcho,
    List<String> allowedValues,
    @Nullable String allowedPattern,
    @Nullable Integer minLength,
    @Nullable Integer maxLength,
    @Nullable BigDecimal minValue,
    @Nullable BigDecimal maxValue,
    @Nullable String constraintDescription) {

  public ParameterDeclaration {
    allowedValues = List.copyOf(allowedValues);
  }

  /** A parameter whose value is a list: {@code List<…>} and {@code CommaDelimitedList}. */
  public boolean isList() {
    return ParameterTypes.isList(type);
  }

  /** A parameter whose value is read from SSM Parameter Store. */
  public boolean isSsm() {
    return ParameterTypes.isSsm(type);
  }
}
