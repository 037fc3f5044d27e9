package ferry.cloudformation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON text columns of the CloudFormation tables: lists, maps and property documents. */
final class JsonColumns {
  static final ObjectMapper JSON = new ObjectMapper();

  private JsonColumns() {}

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a CloudFormation column as JSON", e);
    }
  }

  static <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A CloudFormation column holds malformed JSON", e);
    }
  }

  static List<String> strings(String text) {
    return read(text, new TypeReference<List<String>>() {});
  }

  static Map<String, String> map(String text) {
    return read(text, new TypeReference<LinkedHashMap<String, String>>() {});
  }

  static @Nullable ObjectNode object(@Nullable String text) {
    if (text == null) {
      return null;
    }
    return read(text, new TypeReference<ObjectNode>() {});
  }
}
