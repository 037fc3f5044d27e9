package ferry.cloudformation.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a template body, JSON or YAML (with the short-form tags such as {@code !Ref}), into a
 * {@link Template} whose functions are all in the long JSON form. Structural mistakes are
 * CloudFormation's {@code ValidationError}s.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html">Template
 *     formats</a>
 */
public final class TemplateReader {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonParser.Feature.ALLOW_COMMENTS)
          .build();

  private TemplateReader() {}

  /** Reads and checks the template's structure (sections, resource and output shapes). */
  public static Template read(String body) {
    return TemplateSections.read(parse(body));
  }

  /** The template as a JSON object, short-form YAML tags turned into their long form. */
  public static ObjectNode parse(String body) {
    if (body.isBlank()) {
      throw TemplateErrors.validation("Either Template URL or Template Body must be specified.");
    }
    JsonNode root = isJson(body) ? parseJson(body) : YamlTemplateParser.parse(body);
    if (!(root instanceof ObjectNode object)) {
      throw TemplateErrors.format(
          "template body is not a " + (isJson(body) ? "JSON" : "YAML") + " object");
    }
    return object;
  }

  static boolean isJson(String body) {
    return body.stripLeading().startsWith("{");
  }

  private static JsonNode parseJson(String body) {
    try (JsonParser parser = JSON.createParser(body)) {
      JsonNode node = JSON.readTree(parser);
      if (parser.nextToken() != null) {
        var location = parser.currentLocation();
        throw TemplateErrors.jsonNotWellFormed(location.getLineNr(), location.getColumnNr());
      }
      return node;
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw TemplateErrors.jsonNotWellFormed(
          location == null ? 1 : location.getLineNr(),
          location == null ? 1 : location.getColumnNr());
    } catch (java.io.IOException e) {
      throw TemplateErrors.jsonNotWellFormed(1, 1);
    }
  }
}
