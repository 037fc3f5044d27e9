package ferry.cloudformation.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GetTemplateSummary} and {@code ValidateTemplate} tell about a template: its
 * parameters, the capabilities a stack of it needs and why, its resource types, description and
 * transforms.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplateSummary.html">GetTemplateSummary</a>
 */
public record TemplateSummary(
    List<ParameterDeclaration> parameters,
    List<String> capabilities,
    @Nullable String capabilitiesReason,
    List<String> resourceTypes,
    @Nullable String description,
    List<String> declaredTransforms) {

  public static final String CAPABILITY_IAM = "CAPABILITY_IAM";
  public static final String CAPABILITY_NAMED_IAM = "CAPABILITY_NAMED_IAM";

  /** The IAM types that need a capability, and the property that names each (if any). */
  private static final Map<String, String> IAM_NAME_PROPERTIES =
      Map.of(
          "AWS::IAM::Role", "RoleName",
          "AWS::IAM::User", "UserName",
          "AWS::IAM::Group", "GroupName",
          "AWS::IAM::ManagedPolicy", "ManagedPolicyName",
          "AWS::IAM::InstanceProfile", "InstanceProfileName",
          "AWS::IAM::Policy", "",
          "AWS::IAM::AccessKey", "",
          "AWS::IAM::UserToGroupAddition", "");

  public TemplateSummary {
    parameters = List.copyOf(parameters);
    capabilities = List.copyOf(capabilities);
    resourceTypes = List.copyOf(resourceTypes);
    declaredTransforms = List.copyOf(declaredTransforms);
  }

  public static TemplateSummary of(Template template) {
    Set<String> types = new LinkedHashSet<>();
    Set<String> needing = new LinkedHashSet<>();
    boolean named = false;
    for (ResourceDeclaration resource : template.resources().values()) {
      types.add(resource.type());
      String nameProperty = IAM_NAME_PROPERTIES.get(resource.type());
      if (nameProperty != null) {
        needing.add(resource.type());
        named |= !nameProperty.isEmpty() && resource.properties().has(nameProperty);
      }
    }
    List<String> capabilities = new ArrayList<>();
    if (!needing.isEmpty()) {
      capabilities.add(named ? CAPABILITY_NAMED_IAM : CAPABILITY_IAM);
    }
    String reason =
        needing.isEmpty()
            ? null
            : "The following resource(s) require capabilities: "
                + TemplateErrors.list(List.copyOf(needing));
    return new TemplateSummary(
        List.copyOf(template.parameters().values()),
        capabilities,
        reason,
        List.copyOf(types),
        template.description(),
        template.transforms());
  }
}
