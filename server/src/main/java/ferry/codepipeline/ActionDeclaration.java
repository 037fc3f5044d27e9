package ferry.codepipeline;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An action of a stage, with the defaults AWS materialises (runOrder 1, empty lists and map). */
public record ActionDeclaration(
    String name,
    ActionTypeId actionTypeId,
    int runOrder,
    Map<String, String> configuration,
    List<String> outputArtifacts,
    List<String> inputArtifacts,
    @Nullable String roleArn,
    @Nullable String region,
    @Nullable String namespace,
    @Nullable Integer timeoutInMinutes) {

  public ActionDeclaration {
    configuration =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
    outputArtifacts = List.copyOf(outputArtifacts);
    inputArtifacts = List.copyOf(inputArtifacts);
  }
}
