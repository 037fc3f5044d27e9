package ferry.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A template read by {@link TemplateReader}: its sections, in the long JSON form of every intrinsic
 * function, with maps in the template's order. {@code body} is the whole template as JSON, as
 * {@code GetTemplate} returns it once processed.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html">Template
 *     anatomy</a>
 */
public record Template(
    @Nullable String formatVersion,
    @Nullable String description,
    @Nullable JsonNode metadata,
    Map<String, ParameterDeclaration> parameters,
    Map<String, JsonNode> mappings,
    Map<String, JsonNode> conditions,
    Map<String, RuleDeclaration> rules,
    Map<String, ResourceDeclaration> resources,
    Map<String, OutputDeclaration> outputs,
    List<String> transforms,
    ObjectNode body) {

  public Template {
    parameters = ordered(parameters);
    mappings = ordered(mappings);
    conditions = ordered(conditions);
    rules = ordered(rules);
    resources = ordered(resources);
    outputs = ordered(outputs);
    transforms = List.copyOf(transforms);
  }

  public @Nullable ResourceDeclaration resource(String logicalId) {
    return resources.get(logicalId);
  }

  /** Whether the template declares {@code AWS::LanguageExtensions}. */
  public boolean hasLanguageExtensions() {
    return transforms.contains("AWS::LanguageExtensions");
  }

  static <V> Map<String, V> ordered(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
