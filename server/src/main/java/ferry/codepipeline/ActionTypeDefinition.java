package ferry.codepipeline;

import java.util.List;

/**
 * What an action type accepts: its configuration properties and how many input and output artifacts
 * it takes.
 */
public record ActionTypeDefinition(
    ActionTypeId id,
    List<ConfigurationProperty> properties,
    int minimumInputs,
    int maximumInputs,
    int minimumOutputs,
    int maximumOutputs) {

  public ActionTypeDefinition {
    properties = List.copyOf(properties);
  }

  /** One configuration key of an action type. */
  public record ConfigurationProperty(
      String name, boolean required, boolean key, boolean secret, String description) {}
}
