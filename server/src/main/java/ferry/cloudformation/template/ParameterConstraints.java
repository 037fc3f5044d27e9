package ferry.cloudformation.template;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks a parameter's value against its type and constraints, with AWS's messages; a {@code
 * ConstraintDescription} replaces the message of a failed constraint.
 */
final class ParameterConstraints {
  private ParameterConstraints() {}

  static void check(ParameterDeclaration declaration, String value) {
    String type = declaration.type();
    List<String> items =
        ParameterTypes.isList(type) && !declaration.isSsm()
            ? Stream.of(value.split(",", -1)).map(String::strip).toList()
            : List.of(value);
    if (ParameterTypes.isNumeric(type)) {
      for (String item : items) {
        if (number(item.strip()) == null) {
          throw fail(declaration, "must be a number");
        }
      }
    }
    if (!declaration.allowedValues().isEmpty()) {
      for (String item : items) {
        if (!declaration.allowedValues().contains(item)) {
          throw fail(declaration, "must be one of AllowedValues");
        }
      }
    }
    if (declaration.allowedPattern() != null) {
      Pattern pattern;
      try {
        pattern = Pattern.compile(declaration.allowedPattern());
      } catch (PatternSyntaxException e) {
        throw TemplateErrors.validation(
            "Parameter '" + declaration.name() + "' has an invalid AllowedPattern");
      }
      for (String item : items) {
        if (!pattern.matcher(item).matches()) {
          throw fail(declaration, "must match pattern " + declaration.allowedPattern());
        }
      }
    }
    if (declaration.minLength() != null && value.length() < declaration.minLength()) {
      throw fail(declaration, "must contain at least " + declaration.minLength() + " characters");
    }
    if (declaration.maxLength() != null && value.length() > declaration.maxLength()) {
      throw fail(declaration, "must contain at most " + declaration.maxLength() + " characters");
    }
    for (String item : items) {
      BigDecimal number = number(item.strip());
      if (number == null) {
        continue;
      }
      if (declaration.minValue() != null && number.compareTo(declaration.minValue()) < 0) {
        throw fail(
            declaration,
            "must be a number not less than " + declaration.minValue().toPlainString());
      }
      if (declaration.maxValue() != null && number.compareTo(declaration.maxValue()) > 0) {
        throw fail(
            declaration,
            "must be a number not greater than " + declaration.maxValue().toPlainString());
      }
    }
  }

  private static RuntimeException fail(ParameterDeclaration declaration, String reason) {
    if (declaration.constraintDescription() != null) {
      return TemplateErrors.validation(
          "Parameter "
              + declaration.name()
              + " failed to satisfy constraint: "
              + declaration.constraintDescription());
    }
    return TemplateErrors.validation("Parameter '" + declaration.name() + "' " + reason);
  }

  private static @Nullable BigDecimal number(String text) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
