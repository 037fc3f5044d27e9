package ferry.policy.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A policy string that may hold policy variables ({@code ${aws:username}}, {@code
 * ${aws:PrincipalTag/team, 'default'}}, {@code ${*}}), compiled once and resolved per request.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html">Policy
 *     variables</a>
 */
public final class Template {
  private final String text;
  private final @Nullable String literal;
  private final List<Part> parts;

  private sealed interface Part permits Text, Variable {}

  private record Text(String value) implements Part {}

  private record Variable(String lowerKey, @Nullable String defaultValue) implements Part {}

  private Template(String text, @Nullable String literal, List<Part> parts) {
    this.text = text;
    this.literal = literal;
    this.parts = parts;
  }

  /**
   * Compiles a policy string.
   *
   * @param variables whether policy variables are on (only in Version 2012-10-17 documents)
   * @param wildcards whether {@code *} and {@code ?} outside variables are wildcards
   * @throws IllegalArgumentException when a variable is not closed
   */
  public static Template compile(String text, boolean variables, boolean wildcards) {
    if (!variables || !text.contains("${")) {
      return new Template(text, wildcards ? Wildcard.compile(text) : text, List.of());
    }
    List<Part> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("${", i);
      if (open < 0) {
        current.append(wildcards ? Wildcard.compile(text.substring(i)) : text.substring(i));
        break;
      }
      current.append(
          wildcards ? Wildcard.compile(text.substring(i, open)) : text.substring(i, open));
      int close = text.indexOf('}', open + 2);
      if (close < 0) {
        throw new IllegalArgumentException("policy variable not closed in '" + text + "'");
      }
      String inner = text.substring(open + 2, close).trim();
      switch (inner) {
        case "*", "?", "$" -> current.append(inner);
        default -> {
          if (!current.isEmpty()) {
            parts.add(new Text(current.toString()));
            current.setLength(0);
          }
          parts.add(variable(inner, text));
        }
      }
      i = close + 1;
    }
    if (!current.isEmpty()) {
      parts.add(new Text(current.toString()));
    }
    if (parts.size() == 1 && parts.get(0) instanceof Text only) {
      return new Template(text, only.value(), List.of());
    }
    if (parts.isEmpty()) {
      return new Template(text, "", List.of());
    }
    return new Template(text, null, List.copyOf(parts));
  }

  private static Variable variable(String inner, String text) {
    int comma = inner.indexOf(',');
    if (comma < 0) {
      if (inner.isEmpty()) {
        throw new IllegalArgumentException("empty policy variable in '" + text + "'");
      }
      return new Variable(inner.toLowerCase(Locale.ROOT), null);
    }
    String key = inner.substring(0, comma).trim();
    String def = inner.substring(comma + 1).trim();
    if (key.isEmpty() || def.length() < 2 || def.charAt(0) != '\'' || !def.endsWith("'")) {
      throw new IllegalArgumentException(
          "a policy variable's default must be quoted, as in ${key, 'default'}: '" + text + "'");
    }
    return new Variable(key.toLowerCase(Locale.ROOT), def.substring(1, def.length() - 1));
  }

  /** The string as written in the policy. */
  public String text() {
    return text;
  }

  /** Whether the string has no variable to resolve. */
  public boolean isLiteral() {
    return literal != null;
  }

  /** The compiled string when it has no variables. */
  public @Nullable String literal() {
    return literal;
  }

  /**
   * The string with every variable replaced by the request's value, or null when a variable has no
   * value and no default (such a string matches nothing).
   */
  public @Nullable String resolve(ConditionContext context) {
    if (literal != null) {
      return literal;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (Part part : parts) {
      switch (part) {
        case Text t -> out.append(t.value());
        case Variable v -> {
          String value = context.value(v.lowerKey());
          if (value == null) {
            value = v.defaultValue();
          }
          if (value == null) {
            return null;
          }
          out.append(value);
        }
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return text;
  }
}
