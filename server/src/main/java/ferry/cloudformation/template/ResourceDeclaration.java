package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a template's {@code Resources}, its properties unresolved (see {@link
 * Evaluator#properties(String)} for the resolved ones).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html">Resources</a>
 */
public record ResourceDeclaration(
    String logicalId,
    String type,
    ObjectNode properties,
    List<String> dependsOn,
    @Nullable String condition,
    DeletionPolicy deletionPolicy,
    DeletionPolicy updateReplacePolicy,
    @Nullable JsonNode metadata) {

  public ResourceDeclaration {
    dependsOn = List.copyOf(dependsOn);
  }

  /** What happens to a resource when it leaves its stack (deleted, or kept). */
  public enum DeletionPolicy {
    Delete,
    Retain,
    RetainExceptOnCreate,
    Snapshot
  }
}
