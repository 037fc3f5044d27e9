package ferry.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The JSON paths EventBridge reads an event with in InputPath and InputPathsMap: {@code $}, then
 * fields in dot notation and array indices, such as {@code $.detail.object.key} or {@code
 * $.resources[0]}. Wildcards are refused: Ferry does not evaluate them.
 */
public record EventPath(String text, List<Object> steps) {
  private static final Pattern STEP = Pattern.compile("\\.([A-Za-z0-9_\\-/@:]+)|\\[(\\d+)]");

  public EventPath {
    steps = List.copyOf(steps);
  }

  /** The path, or null when it is not one this class evaluates. */
  public static @Nullable EventPath parse(String text) {
    if (!text.startsWith("$") || text.length() > 256) {
      return null;
    }
    List<Object> steps = new ArrayList<>();
    Matcher matcher = STEP.matcher(text);
    int at = 1;
    while (at < text.length()) {
      if (!matcher.find(at) || matcher.start() != at) {
        return null;
      }
      steps.add(matcher.group(1) != null ? matcher.group(1) : Integer.valueOf(matcher.group(2)));
      at = matcher.end();
    }
    return new EventPath(text, steps);
  }

  /** The value at this path, or null when the event has none there. */
  public @Nullable JsonNode select(JsonNode event) {
    JsonNode node = event;
    for (Object step : steps) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
      if (node == null || node.isMissingNode()) {
        return null;
      }
    }
    return node;
  }
}
