package ferry.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A target's InputTransformer: variables read from the event by JSON path, and the template they
 * fill in to make what the target receives instead of the event.
 */
public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
  public InputTransformer {
    inputPathsMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputPathsMap));
  }
}
