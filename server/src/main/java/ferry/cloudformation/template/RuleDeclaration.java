package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a template's {@code Rules}: assertions on parameter values, checked when {@code
 * ruleCondition} (if any) holds.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html">Rules</a>
 */
public record RuleDeclaration(
    String name, @Nullable JsonNode ruleCondition, List<Assertion> assertions) {

  public RuleDeclaration {
    assertions = List.copyOf(assertions);
  }

  /** One assertion of a rule, and the message given when it fails. */
  public record Assertion(JsonNode assertion, @Nullable String description) {}
}
