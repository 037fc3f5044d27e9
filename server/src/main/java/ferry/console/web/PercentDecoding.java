package ferry.console.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Percent-decoding of URL paths and form bodies, refusing what is not valid UTF-8. */
final class PercentDecoding {
  private PercentDecoding() {}

  /** A path segment decoded ('+' stays '+'), or null when its escapes or UTF-8 are broken. */
  static @Nullable String decode(String raw) {
    return decode(raw, false);
  }

  /**
   * An {@code application/x-www-form-urlencoded} string (a query or a form body) as name → values;
   * broken pairs are left out.
   */
  static Map<String, List<String>> form(@Nullable String raw) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return fields;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true);
      if (name != null && value != null) {
        fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return fields;
  }

  private static @Nullable String decode(String raw, boolean plusIsSpace) {
    var bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
