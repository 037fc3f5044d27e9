package ferry.s3.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import ferry.s3.Grant;
import ferry.s3.LazySegments;
import ferry.s3.Segment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON text columns of S3's tables: grants, tag sets, headers, segment sizes. */
final class JsonColumns {
  // Records also expose derived is-methods (isPublic, isKms); reading ignores those names.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
              false);
  // Readers made once: each knows its type's deserializer, which readValue looks up on every call.
  private static final ObjectReader GRANTS = JSON.readerFor(new TypeReference<List<Grant>>() {});
  private static final ObjectReader STRINGS =
      JSON.readerFor(new TypeReference<LinkedHashMap<String, String>>() {});
  private static final ObjectReader SEGMENTS =
      JSON.readerFor(new TypeReference<List<Segment>>() {});

  private JsonColumns() {}

  static @Nullable String write(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored S3 value always serialises: " + value, e);
    }
  }

  static <T> @Nullable T read(@Nullable String text, Class<T> type) {
    if (text == null) {
      return null;
    }
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored S3 value is not valid JSON: " + text, e);
    }
  }

  static List<Grant> grants(@Nullable String text) {
    return text == null || text.equals("[]") ? List.of() : read(text, GRANTS);
  }

  static Map<String, String> strings(@Nullable String text) {
    return text == null || text.equals("{}") ? Map.of() : read(text, STRINGS);
  }

  /** A version's segments, read from their JSON when first used. */
  static List<Segment> segments(@Nullable String text) {
    return text == null || text.equals("[]")
        ? List.of()
        : new LazySegments(() -> read(text, SEGMENTS));
  }

  private static <T> T read(String text, ObjectReader reader) {
    try {
      return reader.readValue(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored S3 value is not valid JSON: " + text, e);
    }
  }
}
