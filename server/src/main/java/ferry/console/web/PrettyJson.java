package ferry.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Policy documents indented for reading; a document that is not JSON is shown as stored. */
public final class PrettyJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PrettyJson() {}

  public static String of(String document) {
    try {
      JsonNode node = MAPPER.readTree(document);
      return node == null
          ? document
          : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return document;
    }
  }
}
