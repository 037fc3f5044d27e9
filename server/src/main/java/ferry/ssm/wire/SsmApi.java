package ferry.ssm.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.protocol.ApiRequest;
import ferry.protocol.json.Json;
import ferry.protocol.json.JsonApi;
import ferry.protocol.json.JsonInput;
import ferry.protocol.json.JsonOperation;
import ferry.ssm.GetParametersResult;
import ferry.ssm.Parameter;
import ferry.ssm.ParameterFilter;
import ferry.ssm.ParameterPage;
import ferry.ssm.ParameterType;
import ferry.ssm.Parameters;
import ferry.ssm.PutParameterRequest;
import ferry.ssm.PutParameterResult;
import ferry.ssm.SsmErrors;
import ferry.ssm.SsmService;
import ferry.ssm.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SSM's JSON 1.1 binding: {@code X-Amz-Target: AmazonSSM.<Operation>}, Parameter Store only. */
public final class SsmApi extends JsonApi {
  private final SsmService ssm;
  private final Map<String, JsonOperation> operations;

  public SsmApi(SsmService ssm) {
    super("ssm", "AmazonSSM");
    this.ssm = ssm;
    this.operations =
        Map.ofEntries(
            Map.entry("PutParameter", this::putParameter),
            Map.entry("GetParameter", this::getParameter),
            Map.entry("GetParameters", this::getParameters),
            Map.entry("GetParametersByPath", this::getParametersByPath),
            Map.entry("DeleteParameter", this::deleteParameter),
            Map.entry("DeleteParameters", this::deleteParameters),
            Map.entry("DescribeParameters", this::describeParameters),
            Map.entry("GetParameterHistory", this::getParameterHistory),
            Map.entry("AddTagsToResource", this::addTagsToResource),
            Map.entry("RemoveTagsFromResource", this::removeTagsFromResource),
            Map.entry("ListTagsForResource", this::listTagsForResource));
  }

  @Override
  protected Map<String, JsonOperation> operations() {
    return operations;
  }

  private Parameters parameters() {
    return ssm.parameters();
  }

  private ObjectNode putParameter(JsonInput input, ApiRequest request) {
    PutParameterResult result =
        parameters()
            .putParameter(
                request.caller(),
                new PutParameterRequest(
                    input.requiredString("Name"),
                    input.requiredString("Value"),
                    ParameterType.of(input.string("Type")),
                    input.string("KeyId"),
                    Boolean.TRUE.equals(input.bool("Overwrite")),
                    input.string("Description"),
                    input.string("AllowedPattern"),
                    tags(input),
                    input.string("Tier"),
                    input.string("Policies"),
                    input.string("DataType")));
    return Json.object().put("Version", result.version()).put("Tier", result.tier());
  }

  private ObjectNode getParameter(JsonInput input, ApiRequest request) {
    String name = input.requiredString("Name");
    Parameter parameter = parameters().getParameter(request.caller(), name, decrypt(input));
    ObjectNode output = Json.object();
    output.set("Parameter", parameter(parameter, name));
    return output;
  }

  private ObjectNode getParameters(JsonInput input, ApiRequest request) {
    List<String> names = requiredStrings(input, "Names");
    GetParametersResult result =
        parameters().getParameters(request.caller(), names, decrypt(input));
    ObjectNode output = Json.object();
    ArrayNode found = output.putArray("Parameters");
    for (Parameter parameter : result.parameters()) {
      found.add(parameter(parameter, selectorFor(names, parameter)));
    }
    ArrayNode invalid = output.putArray("InvalidParameters");
    result.invalidParameters().forEach(invalid::add);
    return output;
  }

  private ObjectNode getParametersByPath(JsonInput input, ApiRequest request) {
    ParameterPage page =
        parameters()
            .getParametersByPath(
                request.caller(),
                input.requiredString("Path"),
                Boolean.TRUE.equals(input.bool("Recursive")),
                filters(input, "ParameterFilters"),
                decrypt(input),
                input.integer("MaxResults"),
                input.string("NextToken"));
    ObjectNode output = Json.object();
    ArrayNode items = output.putArray("Parameters");
    page.parameters().forEach(parameter -> items.add(parameter(parameter, parameter.name())));
    return withToken(output, page);
  }

  private ObjectNode deleteParameter(JsonInput input, ApiRequest request) {
    parameters().deleteParameter(request.caller(), input.requiredString("Name"));
    return Json.object();
  }

  private ObjectNode deleteParameters(JsonInput input, ApiRequest request) {
    GetParametersResult result =
        parameters().deleteParameters(request.caller(), requiredStrings(input, "Names"));
    ObjectNode output = Json.object();
    ArrayNode deleted = output.putArray("DeletedParameters");
    result.parameters().forEach(parameter -> deleted.add(parameter.name()));
    ArrayNode invalid = output.putArray("InvalidParameters");
    result.invalidParameters().forEach(invalid::add);
    return output;
  }

  private ObjectNode describeParameters(JsonInput input, ApiRequest request) {
    if (Boolean.TRUE.equals(input.bool("Shared"))) {
      throw SsmErrors.unsupported(
          "Ferry does not implement shared parameters (AWS Resource Access Manager).");
    }
    ParameterPage page =
        parameters()
            .describeParameters(
                request.caller(),
                filters(input, "Filters"),
                filters(input, "ParameterFilters"),
                input.integer("MaxResults"),
                input.string("NextToken"));
    ObjectNode output = Json.object();
    ArrayNode items = output.putArray("Parameters");
    for (Parameter parameter : page.parameters()) {
      ObjectNode item = metadata(parameter);
      item.put("ARN", parameter.arn());
      items.add(item);
    }
    return withToken(output, page);
  }

  private ObjectNode getParameterHistory(JsonInput input, ApiRequest request) {
    ParameterPage page =
        parameters()
            .getParameterHistory(
                request.caller(),
                input.requiredString("Name"),
                decrypt(input),
                input.integer("MaxResults"),
                input.string("NextToken"));
    ObjectNode output = Json.object();
    ArrayNode items = output.putArray("Parameters");
    for (Parameter parameter : page.parameters()) {
      ObjectNode item = metadata(parameter);
      item.put("Value", parameter.value());
      item.putArray("Labels");
      items.add(item);
    }
    return withToken(output, page);
  }

  private ObjectNode addTagsToResource(JsonInput input, ApiRequest request) {
    if (input.node().get("Tags") == null) {
      input.requiredString("Tags");
    }
    ssm.tags()
        .addTags(
            request.caller(),
            input.requiredString("ResourceType"),
            input.requiredString("ResourceId"),
            tags(input));
    return Json.object();
  }

  private ObjectNode removeTagsFromResource(JsonInput input, ApiRequest request) {
    ssm.tags()
        .removeTags(
            request.caller(),
            input.requiredString("ResourceType"),
            input.requiredString("ResourceId"),
            requiredStrings(input, "TagKeys"));
    return Json.object();
  }

  private ObjectNode listTagsForResource(JsonInput input, ApiRequest request) {
    List<Tag> tags =
        ssm.tags()
            .listTags(
                request.caller(),
                input.requiredString("ResourceType"),
                input.requiredString("ResourceId"));
    ObjectNode output = Json.object();
    ArrayNode list = output.putArray("TagList");
    tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
    return output;
  }

  /** A {@code Parameter}; {@code asked} is the name as requested, for its {@code Selector}. */
  private static ObjectNode parameter(Parameter parameter, String asked) {
    ObjectNode item = Json.object();
    item.put("Name", parameter.name());
    item.put("Type", parameter.type().wireName());
    item.put("Value", parameter.value());
    item.put("Version", parameter.version());
    if (asked.length() > parameter.name().length() && asked.startsWith(parameter.name() + ":")) {
      item.put("Selector", asked.substring(parameter.name().length()));
    }
    item.put("LastModifiedDate", time(parameter));
    item.put("ARN", parameter.arn());
    item.put("DataType", parameter.dataType());
    return item;
  }

  /** What {@code ParameterMetadata} and {@code ParameterHistory} share. */
  private static ObjectNode metadata(Parameter parameter) {
    ObjectNode item = Json.object();
    item.put("Name", parameter.name());
    item.put("Type", parameter.type().wireName());
    if (parameter.keyId() != null) {
      item.put("KeyId", parameter.keyId());
    }
    item.put("LastModifiedDate", time(parameter));
    item.put("LastModifiedUser", parameter.lastModifiedUser());
    if (parameter.description() != null) {
      item.put("Description", parameter.description());
    }
    if (parameter.allowedPattern() != null) {
      item.put("AllowedPattern", parameter.allowedPattern());
    }
    item.put("Version", parameter.version());
    item.put("Tier", parameter.tier());
    item.putArray("Policies");
    item.put("DataType", parameter.dataType());
    return item;
  }

  private static BigDecimal time(Parameter parameter) {
    return BigDecimal.valueOf(parameter.lastModified().toEpochMilli(), 3);
  }

  private static String selectorFor(List<String> names, Parameter parameter) {
    for (String name : names) {
      if (name.startsWith(parameter.name() + ":")) {
        return name;
      }
    }
    return parameter.name();
  }

  private static ObjectNode withToken(ObjectNode output, ParameterPage page) {
    if (page.nextToken() != null) {
      output.put("NextToken", page.nextToken());
    }
    return output;
  }

  private static boolean decrypt(JsonInput input) {
    return Boolean.TRUE.equals(input.bool("WithDecryption"));
  }

  private static List<String> requiredStrings(JsonInput input, String name) {
    if (input.node().get(name) == null || input.node().get(name).isNull()) {
      input.requiredString(name);
    }
    return input.strings(name);
  }

  private static List<Tag> tags(JsonInput input) {
    List<Tag> tags = new ArrayList<>();
    for (JsonInput tag : input.objects("Tags")) {
      tags.add(new Tag(tag.requiredString("Key"), tag.requiredString("Value")));
    }
    return tags;
  }

  private static List<ParameterFilter> filters(JsonInput input, String member) {
    List<ParameterFilter> filters = new ArrayList<>();
    for (JsonInput filter : input.objects(member)) {
      filters.add(
          new ParameterFilter(
              filter.requiredString("Key"), filter.string("Option"), filter.strings("Values")));
    }
    return filters;
  }
}
