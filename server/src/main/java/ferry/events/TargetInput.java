package ferry.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a target receives for a matched event: the event, its {@code Input}, the part at its {@code
 * InputPath}, or its {@code InputTransformer}'s template filled in.
 *
 * <p>A placeholder inside a JSON string of the template is replaced by the value's text; outside a
 * string by the value as JSON (a string with its quotes), as EventBridge documents: so {@code
 * <state> is "<state>"} becomes {@code "RUNNING" is "RUNNING"}. A path the event does not have
 * gives {@code null} outside strings and nothing inside them.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html">Input
 *     transformation</a>
 */
public final class TargetInput {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9_\\-]{1,256}");
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z0-9_\\-.]+)>");
  private static final int MAX_TEMPLATE = 8192;
  private static final int MAX_VARIABLES = 100;

  /** Variables every template may use; an InputPathsMap cannot define them. */
  static final String RULE_ARN = "aws.events.rule-arn";

  static final String RULE_NAME = "aws.events.rule-name";
  static final String INGESTION_TIME = "aws.events.event.ingestion-time";
  static final String EVENT = "aws.events.event";
  static final String EVENT_JSON = "aws.events.event.json";

  private TargetInput() {}

  /** Refuses a target whose input members EventBridge would refuse; stores nothing. */
  public static void validate(Target target) {
    int given =
        (target.input() == null ? 0 : 1)
            + (target.inputPath() == null ? 0 : 1)
            + (target.inputTransformer() == null ? 0 : 1);
    if (given > 1) {
      throw EventsErrors.validation(
          "Target "
              + target.id()
              + ": only one of Input, InputPath or InputTransformer may be given.");
    }
    if (target.input() != null) {
      try {
        MAPPER.readTree(target.input());
      } catch (JacksonException e) {
        throw EventsErrors.validation(
            "Input for target " + target.id() + " is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (target.inputPath() != null && EventPath.parse(target.inputPath()) == null) {
      throw EventsErrors.validation(
          "InputPath for target "
              + target.id()
              + " is not a valid JSON path: "
              + target.inputPath());
    }
    InputTransformer transformer = target.inputTransformer();
    if (transformer != null) {
      validate(target.id(), transformer);
    }
  }

  private static void validate(String id, InputTransformer transformer) {
    String template = transformer.inputTemplate();
    if (template.isEmpty() || template.length() > MAX_TEMPLATE) {
      throw EventsErrors.validation(
          "1 validation error detected: Value at 'targets.member.inputTransformer.inputTemplate'"
              + " failed to satisfy constraint: Member must have length less than or equal to"
              + " 8192 and greater than or equal to 1");
    }
    if (transformer.inputPathsMap().size() > MAX_VARIABLES) {
      throw EventsErrors.validation(
          "1 validation error detected: Value at 'targets.member.inputTransformer.inputPathsMap'"
              + " failed to satisfy constraint: Member must have length less than or equal to 100");
    }
    for (var entry : transformer.inputPathsMap().entrySet()) {
      if (!VARIABLE.matcher(entry.getKey()).matches()) {
        throw EventsErrors.validation(
            "InputTransformer of target "
                + id
                + ": the variable name '"
                + entry.getKey()
                + "' must satisfy the pattern [A-Za-z0-9\\_\\-]+ (names beginning with aws. are"
                + " reserved).");
      }
      if (EventPath.parse(entry.getValue()) == null) {
        throw EventsErrors.validation(
            "InputTransformer of target "
                + id
                + ": the path '"
                + entry.getValue()
                + "' of variable '"
                + entry.getKey()
                + "' is not a JSON path Ferry evaluates (dot notation and array indices from $;"
                + " wildcards are not supported).");
      }
    }
    if (template.strip().startsWith("{")) {
      String filled = fill(template, name -> null);
      try {
        if (!(MAPPER.readTree(filled) instanceof ObjectNode)) {
          throw new IllegalArgumentException("not an object");
        }
      } catch (JacksonException | IllegalArgumentException e) {
        throw EventsErrors.validation(
            "InputTemplate for target "
                + id
                + " is a JSON object but is not valid JSON once its placeholders are filled in.");
      }
    }
  }

  /** What the target receives when {@code rule} matched {@code event} at {@code ingested}. */
  public static String render(Target target, Rule rule, String event, Instant ingested) {
    if (target.input() != null) {
      return target.input();
    }
    JsonNode json = parse(event);
    if (target.inputPath() != null) {
      EventPath path = EventPath.parse(target.inputPath());
      JsonNode value = path == null ? null : path.select(json);
      return value == null ? "null" : value.toString();
    }
    InputTransformer transformer = target.inputTransformer();
    if (transformer == null) {
      return event;
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    values.put(RULE_ARN, TextNode.valueOf(rule.arn()));
    values.put(RULE_NAME, TextNode.valueOf(rule.name()));
    values.put(INGESTION_TIME, TextNode.valueOf(ingested.toString()));
    ObjectNode withoutDetail = json.deepCopy();
    withoutDetail.remove("detail");
    values.put(EVENT, withoutDetail);
    values.put(EVENT_JSON, json);
    transformer
        .inputPathsMap()
        .forEach((name, text) -> {
          EventPath path = EventPath.parse(text);
          JsonNode value = path == null ? null : path.select(json);
          if (value != null) {
            values.put(name, value);
          }
        });
    return fill(transformer.inputTemplate(), values::get);
  }

  private static ObjectNode parse(String event) {
    try {
      return (ObjectNode) MAPPER.readTree(event);
    } catch (JacksonException | ClassCastException e) {
      throw new IllegalArgumentException("An event is a JSON object", e);
    }
  }

  private static String fill(
      String template, java.util.function.Function<String, @Nullable JsonNode> values) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '\\' && inString && i + 1 < template.length()) {
        out.append(c).append(template.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '"') {
        inString = !inString;
      }
      if (c == '<') {
        var matcher = PLACEHOLDER.matcher(template).region(i, template.length());
        if (matcher.lookingAt()) {
          String name = matcher.group(1);
          JsonNode value = values.apply(name);
          out.append(inString ? inside(name, value) : outside(value));
          i = matcher.end();
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String outside(@Nullable JsonNode value) {
    return value == null ? "null" : value.toString();
  }

  private static String inside(String name, @Nullable JsonNode value) {
    if (value == null) {
      return "";
    }
    if (name.equals(EVENT) || name.equals(EVENT_JSON)) {
      return value.toString();
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
