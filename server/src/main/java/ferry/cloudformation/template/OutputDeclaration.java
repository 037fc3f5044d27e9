package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a template's {@code Outputs}: its value and export name, both unresolved.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html">Outputs</a>
 */
public record OutputDeclaration(
    String logicalId,
    JsonNode value,
    @Nullable JsonNode exportName,
    @Nullable String condition,
    @Nullable String description) {}
