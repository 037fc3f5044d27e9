package ferry.events;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event pattern: a JSON object whose leaves are arrays of values or matchers, matched field by
 * field against an event. Supported: exact values, {@code prefix}, {@code suffix}, {@code
 * equals-ignore-case}, {@code wildcard}, {@code anything-but} (values, prefix, suffix), {@code
 * exists} and {@code numeric}, at any depth; an array in the event matches if any element does.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html">Event
 *     patterns</a>
 */
public final class EventPattern {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode pattern;

  private EventPattern(ObjectNode pattern) {
    this.pattern = pattern;
  }

  /**
   * Parses and checks a pattern.
   *
   * @throws ferry.aws.AwsException InvalidEventPatternException naming what is wrong
   */
  public static EventPattern parse(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw EventsErrors.invalidEventPattern("Filter is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw EventsErrors.invalidEventPattern("Filter is not an object");
    }
    if (object.isEmpty()) {
      throw EventsErrors.invalidEventPattern("Empty objects are not allowed");
    }
    check(object, "");
    return new EventPattern(object);
  }

  /** Parses an event's JSON envelope for matching. */
  public static JsonNode event(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("An event is a JSON object: " + e.getOriginalMessage(), e);
    }
  }

  public boolean matches(JsonNode event) {
    return matchesObject(pattern, event);
  }

  // ---- validation ----

  private static void check(ObjectNode object, String path) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode value = field.getValue();
      if (value instanceof ObjectNode nested) {
        if (nested.isEmpty()) {
          throw EventsErrors.invalidEventPattern("Empty objects are not allowed");
        }
        check(nested, where);
      } else if (value instanceof ArrayNode values) {
        if (values.isEmpty()) {
          throw EventsErrors.invalidEventPattern("Empty arrays are not allowed");
        }
        for (JsonNode item : values) {
          checkMatcher(item, where);
        }
      } else {
        throw EventsErrors.invalidEventPattern(
            "Match value must be String, number, true, false, or null at " + where);
      }
    }
  }

  private static void checkMatcher(JsonNode item, String where) {
    if (item.isValueNode()) {
      return;
    }
    if (!(item instanceof ObjectNode matcher) || matcher.size() != 1) {
      throw EventsErrors.invalidEventPattern(
          "Match value must be String, number, true, false, or null at " + where);
    }
    var entry = matcher.properties().iterator().next();
    String kind = entry.getKey();
    JsonNode argument = entry.getValue();
    switch (kind) {
      case "prefix", "suffix", "wildcard" -> {
        if (argument instanceof ObjectNode ignoreCase
            && ignoreCase.size() == 1
            && ignoreCase.has("equals-ignore-case")
            && ignoreCase.get("equals-ignore-case").isTextual()) {
          return;
        }
        if (!argument.isTextual()) {
          throw EventsErrors.invalidEventPattern(kind + " match pattern must be a string");
        }
      }
      case "equals-ignore-case" -> {
        if (!argument.isTextual()) {
          throw EventsErrors.invalidEventPattern(
              "equals-ignore-case match pattern must be a string");
        }
      }
      case "exists" -> {
        if (!argument.isBoolean()) {
          throw EventsErrors.invalidEventPattern(
              "exists match pattern must be either true or false.");
        }
      }
      case "numeric" -> checkNumeric(argument);
      case "anything-but" -> checkAnythingBut(argument);
      default ->
          throw EventsErrors.invalidEventPattern(
              "Unrecognized match type " + kind + " at " + where);
    }
  }

  private static void checkNumeric(JsonNode argument) {
    if (!(argument instanceof ArrayNode terms) || terms.isEmpty() || terms.size() > 4) {
      throw EventsErrors.invalidEventPattern("Value of numeric must be an array.");
    }
    if (terms.size() % 2 != 0) {
      throw EventsErrors.invalidEventPattern("Value of numeric must be an array of pairs.");
    }
    for (int i = 0; i < terms.size(); i += 2) {
      String operator = terms.get(i).asText();
      if (!List.of("=", "<", "<=", ">", ">=").contains(operator)) {
        throw EventsErrors.invalidEventPattern("Unrecognized numeric range operator: " + operator);
      }
      if (!terms.get(i + 1).isNumber()) {
        throw EventsErrors.invalidEventPattern(
            "Value of " + operator + " must be numeric in numeric match.");
      }
      if (operator.equals("=") && terms.size() > 2) {
        throw EventsErrors.invalidEventPattern("Bad numeric range: = cannot be combined.");
      }
    }
  }

  private static void checkAnythingBut(JsonNode argument) {
    if (argument.isValueNode()) {
      return;
    }
    if (argument instanceof ArrayNode values) {
      for (JsonNode value : values) {
        if (!value.isTextual() && !value.isNumber()) {
          throw EventsErrors.invalidEventPattern(
              "Inside anything but list, start|null|boolean is not supported.");
        }
      }
      return;
    }
    if (argument instanceof ObjectNode nested
        && nested.size() == 1
        && (nested.has("prefix") || nested.has("suffix") || nested.has("equals-ignore-case"))
        && nested.properties().iterator().next().getValue().isTextual()) {
      return;
    }
    throw EventsErrors.invalidEventPattern(
        "Value of anything-but must be an array or single string/number value.");
  }

  // ---- matching ----

  private static boolean matchesObject(ObjectNode pattern, JsonNode event) {
    for (Map.Entry<String, JsonNode> field : pattern.properties()) {
      JsonNode value = event == null ? null : event.get(field.getKey());
      JsonNode expected = field.getValue();
      if (expected instanceof ObjectNode nested) {
        if (value == null || !(value.isObject() || value.isArray())) {
          return false;
        }
        if (!matchesNested(nested, value)) {
          return false;
        }
      } else if (!matchesField((ArrayNode) expected, value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matchesNested(ObjectNode nested, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (element.isObject() && matchesObject(nested, element)) {
          return true;
        }
      }
      return false;
    }
    return matchesObject(nested, value);
  }

  private static boolean matchesField(ArrayNode matchers, JsonNode value) {
    List<JsonNode> candidates = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(candidates::add);
    } else if (value != null) {
      candidates.add(value);
    }
    for (JsonNode matcher : matchers) {
      if (matcher instanceof ObjectNode object && object.has("exists")) {
        boolean wanted = object.get("exists").booleanValue();
        boolean present = value != null && !value.isObject();
        if (present == wanted) {
          return true;
        }
        continue;
      }
      if (matcher instanceof ObjectNode object && object.has("anything-but")) {
        if (value != null && anythingBut(object.get("anything-but"), candidates)) {
          return true;
        }
        continue;
      }
      for (JsonNode candidate : candidates) {
        if (matchesOne(matcher, candidate)) {
          return true;
        }
      }
      if (value == null && matcher.isNull()) {
        return false;
      }
    }
    return false;
  }

  private static boolean matchesOne(JsonNode matcher, JsonNode candidate) {
    if (matcher.isValueNode()) {
      return equalValues(matcher, candidate);
    }
    var entry = matcher.properties().iterator().next();
    JsonNode argument = entry.getValue();
    return switch (entry.getKey()) {
      case "prefix" -> textMatch(argument, candidate, String::startsWith);
      case "suffix" -> textMatch(argument, candidate, String::endsWith);
      case "wildcard" -> candidate.isTextual() && wildcard(argument.asText(), candidate.asText());
      case "equals-ignore-case" ->
          candidate.isTextual() && candidate.asText().equalsIgnoreCase(argument.asText());
      case "numeric" -> candidate.isNumber() && numeric((ArrayNode) argument, candidate);
      default -> false;
    };
  }

  private interface TextTest {
    boolean test(String value, String argument);
  }

  private static boolean textMatch(JsonNode argument, JsonNode candidate, TextTest test) {
    if (!candidate.isTextual()) {
      return false;
    }
    if (argument.isObject()) {
      String wanted = argument.get("equals-ignore-case").asText().toLowerCase(Locale.ROOT);
      return test.test(candidate.asText().toLowerCase(Locale.ROOT), wanted);
    }
    return test.test(candidate.asText(), argument.asText());
  }

  private static boolean anythingBut(JsonNode argument, List<JsonNode> candidates) {
    for (JsonNode candidate : candidates) {
      boolean excluded;
      if (argument instanceof ArrayNode values) {
        excluded = false;
        for (JsonNode value : values) {
          excluded |= equalValues(value, candidate);
        }
      } else if (argument instanceof ObjectNode object) {
        excluded = matchesOne(object, candidate);
      } else {
        excluded = equalValues(argument, candidate);
      }
      if (excluded) {
        return false;
      }
    }
    return !candidates.isEmpty();
  }

  private static boolean equalValues(JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  private static boolean numeric(ArrayNode terms, JsonNode candidate) {
    BigDecimal value = candidate.decimalValue();
    for (int i = 0; i < terms.size(); i += 2) {
      int compared = value.compareTo(terms.get(i + 1).decimalValue());
      boolean holds =
          switch (terms.get(i).asText()) {
            case "=" -> compared == 0;
            case "<" -> compared < 0;
            case "<=" -> compared <= 0;
            case ">" -> compared > 0;
            default -> compared >= 0;
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** {@code *} matches any run of characters; {@code \*} a literal star. */
  static boolean wildcard(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
        literal.append('*');
        i++;
      } else if (c == '*') {
        regex.append(java.util.regex.Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    regex.append(java.util.regex.Pattern.quote(literal.toString()));
    return value.matches(regex.toString());
  }
}
