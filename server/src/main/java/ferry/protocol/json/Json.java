package ferry.protocol.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;

/** The JSON 1.1 protocol's documents: one shared mapper, timestamps as epoch seconds. */
public final class Json {
  public static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  public static JsonNode parse(byte[] bytes) throws IOException {
    return MAPPER.readTree(bytes);
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** Epoch seconds with milliseconds, as JSON 1.1 writes timestamps. */
  public static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
