package ferry.codepipeline.engine;

import ferry.codepipeline.PipelineValidator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The variables an action can see — {@code codepipeline.PipelineExecutionId}, {@code
 * variables.<name>} and the output variables of earlier actions by namespace — and their
 * substitution into configuration values.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html">Variables
 *     reference</a>
 */
final class Variables {
  private final Map<String, Map<String, String>> namespaces = new HashMap<>();

  void put(String namespace, Map<String, String> values) {
    namespaces.put(namespace, Map.copyOf(values));
  }

  /**
   * @throws ActionFailure ConfigurationError naming a reference that cannot be resolved
   */
  Map<String, String> resolve(Map<String, String> configuration) throws ActionFailure {
    Map<String, String> resolved = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> entry : configuration.entrySet()) {
      Matcher reference = PipelineValidator.REFERENCE.matcher(entry.getValue());
      StringBuilder out = new StringBuilder();
      while (reference.find()) {
        Map<String, String> values = namespaces.get(reference.group(1));
        String value = values == null ? null : values.get(reference.group(2));
        if (value == null) {
          throw ActionFailure.configurationError(
              "The variable '"
                  + reference.group()
                  + "' in configuration '"
                  + entry.getKey()
                  + "' could not be resolved: no earlier action produced it");
        }
        reference.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      reference.appendTail(out);
      if (out.length() > 1000) {
        throw ActionFailure.configurationError(
            "The configuration '"
                + entry.getKey()
                + "' is longer than 1000 characters after its variables are resolved");
      }
      resolved.put(entry.getKey(), out.toString());
    }
    return resolved;
  }
}
