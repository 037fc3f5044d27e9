package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.ssm.ParameterType;
import ferry.ssm.PutParameterRequest;
import ferry.ssm.SsmService;
import ferry.ssm.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AWS::SSM::Parameter: a String or StringList parameter, written with PutParameter as the stack's
 * caller. {@code Ref} is its name; {@code Fn::GetAtt} reads {@code Type} and {@code Value}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ssm-parameter.html">AWS::SSM::Parameter</a>
 */
public final class SsmParameterHandler implements ResourceHandler {
  static final String TYPE = "AWS::SSM::Parameter";

  /** The longest name CloudFormation generates: the ARN of a parameter must fit 1011 characters. */
  private static final int GENERATED_NAME_LENGTH = 255;

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          TYPE,
          Set.of(
              "Name",
              "Type",
              "Value",
              "Description",
              "Policies",
              "AllowedPattern",
              "Tier",
              "Tags",
              "DataType"),
          Set.of("Type", "Value"),
          Set.of("Name"),
          Set.of("Type", "Value"),
          "Name");

  /** The properties whose change writes a new version of the parameter. */
  private static final List<String> VERSIONED =
      List.of("Type", "Value", "Description", "AllowedPattern", "Tier", "DataType");

  private final SsmService ssm;

  public SsmParameterHandler(SsmService ssm) {
    this.ssm = ssm;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    ObjectNode properties = request.properties();
    ParameterType type = type(properties);
    String name = text(properties, "Name");
    if (name == null) {
      // As the resource provider does: CFN-<LogicalId>-<random>, not the stack's name.
      name = GeneratedName.of("CFN", request.logicalId(), GENERATED_NAME_LENGTH);
    }
    String value = required(properties, "Value");
    ssm.parameters()
        .putParameter(
            request.caller(),
            new PutParameterRequest(
                name,
                value,
                type,
                null,
                false,
                text(properties, "Description"),
                text(properties, "AllowedPattern"),
                tags(request, properties),
                text(properties, "Tier"),
                null,
                text(properties, "DataType")));
    return provisioned(name, type, value);
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    ObjectNode properties = request.properties();
    ParameterType type = type(properties);
    String name = current.physicalId();
    String value = required(properties, "Value");
    Caller caller = request.caller();
    boolean changed =
        VERSIONED.stream()
            .anyMatch(p -> !Objects.equals(text(properties, p), text(previousProperties, p)));
    if (changed) {
      ssm.parameters()
          .putParameter(
              caller,
              new PutParameterRequest(
                  name,
                  value,
                  type,
                  null,
                  true,
                  text(properties, "Description"),
                  text(properties, "AllowedPattern"),
                  List.of(),
                  text(properties, "Tier"),
                  null,
                  text(properties, "DataType")));
    }
    Map<String, String> before = tagMap(request, previousProperties);
    Map<String, String> after = tagMap(request, properties);
    List<String> removed = new ArrayList<>();
    before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(removed::add);
    List<Tag> added = new ArrayList<>();
    after.forEach((key, tagValue) -> {
      if (!tagValue.equals(before.get(key))) {
        added.add(new Tag(key, tagValue));
      }
    });
    if (!removed.isEmpty()) {
      ssm.tags().removeTags(caller, "Parameter", name, removed);
    }
    if (!added.isEmpty()) {
      ssm.tags().addTags(caller, "Parameter", name, added);
    }
    return provisioned(name, type, value);
  }

  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    try {
      ssm.parameters().deleteParameter(request.caller(), current.physicalId());
    } catch (AwsException e) {
      if (!e.code().equals("ParameterNotFound")) {
        throw e;
      }
    }
  }

  private static Provisioned provisioned(String name, ParameterType type, String value) {
    return new Provisioned(name, Map.of("Type", type.wireName(), "Value", value));
  }

  private static ParameterType type(ObjectNode properties) {
    if (properties.hasNonNull("Policies")) {
      throw invalidRequest(
          "Ferry does not support Policies of "
              + TYPE
              + ": parameter policies need the advanced"
              + " tier, which Ferry does not implement.");
    }
    String type = required(properties, "Type");
    if (type.equals(ParameterType.SECURE_STRING.wireName())) {
      throw invalidRequest(
          "SSM Parameters of type SecureString cannot be created using CloudFormation");
    }
    if (!type.equals("String") && !type.equals("StringList")) {
      throw invalidRequest(
          "Properties validation failed: #/Type: "
              + type
              + " is not a valid enum value (String,"
              + " StringList)");
    }
    return Objects.requireNonNull(ParameterType.of(type));
  }

  /** The template's Tags (a map, in this type's schema) and the stack's tags, which AWS adds. */
  private static List<Tag> tags(ResourceRequest request, ObjectNode properties) {
    List<Tag> tags = new ArrayList<>();
    tagMap(request, properties).forEach((key, value) -> tags.add(new Tag(key, value)));
    return tags;
  }

  private static Map<String, String> tagMap(ResourceRequest request, ObjectNode properties) {
    Map<String, String> tags = new LinkedHashMap<>(request.stackTags());
    JsonNode node = properties.get("Tags");
    if (node == null || node.isNull()) {
      return tags;
    }
    if (!node.isObject()) {
      throw invalidRequest(
          "Properties validation failed: #/Tags: expected type: JSONObject, found: "
              + node.getNodeType());
    }
    node.properties().forEach(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
    return tags;
  }

  private static String required(ObjectNode properties, String name) {
    String value = text(properties, name);
    if (value == null) {
      throw invalidRequest(
          "Properties validation failed: #: required key [" + name + "] not found");
    }
    return value;
  }

  private static @Nullable String text(ObjectNode properties, String name) {
    JsonNode node = properties.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      throw invalidRequest(
          "Properties validation failed: #/"
              + name
              + ": expected type: String, found: "
              + node.getNodeType());
    }
    return node.asText();
  }

  private static AwsException invalidRequest(String message) {
    return new AwsException(ErrorCode.sender("InvalidRequest", 400), message);
  }
}
