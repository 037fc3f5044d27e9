package ferry.cloudformation.template;

import java.util.ArrayList;
import java.util.List;

/**
 * The string of an {@code Fn::Sub}, split into literal text and {@code ${Name}} variables; {@code
 * ${!Literal}} is the literal text {@code ${Literal}}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-sub.html">Fn::Sub</a>
 */
record SubTemplate(List<Part> parts) {

  /** Literal text, or a variable to substitute. */
  sealed interface Part permits Literal, Variable {}

  record Literal(String text) implements Part {}

  record Variable(String name) implements Part {
    /** {@code Resource.Attribute} names an attribute; {@code AWS::Region} does not. */
    boolean isAttribute() {
      return name.contains(".") && !name.startsWith("AWS::");
    }
  }

  static SubTemplate parse(String text) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      if (start < 0) {
        literal.append(text, i, text.length());
        break;
      }
      literal.append(text, i, start);
      int end = text.indexOf('}', start);
      if (end < 0) {
        literal.append(text, start, text.length());
        break;
      }
      String name = text.substring(start + 2, end);
      if (name.startsWith("!")) {
        literal.append("${").append(name.substring(1)).append('}');
      } else {
        if (!name.matches("[A-Za-z0-9_.:]+")) {
          throw TemplateErrors.template(
              "variable names in Fn::Sub syntax must contain only alphanumeric characters,"
                  + " underscores, periods, and colons");
        }
        if (!literal.isEmpty()) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Variable(name));
      }
      i = end + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new SubTemplate(List.copyOf(parts));
  }

  List<Variable> variables() {
    return parts.stream().filter(Variable.class::isInstance).map(Variable.class::cast).toList();
  }
}
