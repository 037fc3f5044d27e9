package ferry.cloudformation.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What an update does to a resource's tags: the keys to set (new or changed) and to remove. */
record TagChanges(Map<String, String> toTag, List<String> toUntag) {
  TagChanges {
    toTag = new LinkedHashMap<>(toTag);
    toUntag = List.copyOf(toUntag);
  }

  static TagChanges of(Map<String, String> before, Map<String, String> after) {
    Map<String, String> toTag = new LinkedHashMap<>();
    after.forEach((key, value) -> {
      if (!value.equals(before.get(key))) {
        toTag.put(key, value);
      }
    });
    List<String> toUntag = new ArrayList<>();
    for (String key : before.keySet()) {
      if (!after.containsKey(key)) {
        toUntag.add(key);
      }
    }
    return new TagChanges(toTag, toUntag);
  }

  /** Removes, then sets, calling the service only for what changed. */
  void apply(Consumer<Map<String, String>> tag, Consumer<List<String>> untag) {
    if (!toUntag.isEmpty()) {
      untag.accept(toUntag);
    }
    if (!toTag.isEmpty()) {
      tag.accept(toTag);
    }
  }
}
