package ferry.codepipeline;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * StartPipelineExecution's parameters.
 *
 * @param variables pipeline-level variable values, by name
 * @param sourceRevisions S3 object version ids, by source action name
 */
public record StartExecutionRequest(
    String name,
    Map<String, String> variables,
    @Nullable String clientRequestToken,
    Map<String, String> sourceRevisions) {

  public StartExecutionRequest {
    variables = Map.copyOf(variables);
    sourceRevisions = Map.copyOf(sourceRevisions);
  }

  public static StartExecutionRequest of(String name) {
    return new StartExecutionRequest(name, Map.of(), null, Map.of());
  }
}
