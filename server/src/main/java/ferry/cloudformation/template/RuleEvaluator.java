package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a template's {@code Rules} against the stack's parameter values before anything is
 * created: for each rule whose {@code RuleCondition} holds (or that has none), every {@code Assert}
 * must be true, or the operation is refused with the assertion's {@code AssertDescription}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html">Rules</a>
 */
public final class RuleEvaluator {
  private RuleEvaluator() {}

  public static void check(Template template, EvaluationContext context) {
    if (template.rules().isEmpty()) {
      return;
    }
    Evaluator evaluator = new Evaluator(template, context);
    for (RuleDeclaration rule : template.rules().values()) {
      if (rule.ruleCondition() != null && !truth(rule.ruleCondition(), rule, evaluator)) {
        continue;
      }
      for (RuleDeclaration.Assertion assertion : rule.assertions()) {
        if (!truth(assertion.assertion(), rule, evaluator)) {
          throw TemplateErrors.validation(
              assertion.description() != null
                  ? assertion.description()
                  : "Template error: assertion of rule " + rule.name() + " failed");
        }
      }
    }
  }

  private static boolean truth(JsonNode node, RuleDeclaration rule, Evaluator evaluator) {
    JsonNode value = evaluator.resolve(node);
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw TemplateErrors.template(
        "every Assert and RuleCondition of rule " + rule.name() + " must evaluate to a boolean");
  }
}
