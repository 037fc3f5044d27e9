package ferry.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as AWS reads URIs, query strings, forms and the headers that carry one: an
 * escape must be two hex digits and the bytes must be UTF-8. Anything else is refused ({@link
 * Malformed}) rather than guessed at, since a guess (U+FFFD for bytes that are not UTF-8) would
 * name a key or a value other than the one the client sent. (SigV4's canonical request decodes
 * leniently, in {@code ferry.auth.CanonicalRequest}: a signature is checked over whatever arrived,
 * and what it means is judged here.)
 */
public final class PercentDecoding {
  private PercentDecoding() {}

  /** Text that is not valid percent-encoded UTF-8; the message says what is wrong. */
  public static final class Malformed extends IllegalArgumentException {
    Malformed(String message) {
      super(message);
    }
  }

  /** A path segment, or a header such as x-amz-copy-source: '+' stays '+'. */
  public static String path(String raw) {
    return decode(raw, false);
  }

  /** A name or value of a query string or form: '+' is a space. */
  public static String form(String raw) {
    return decode(raw, true);
  }

  private static String decode(String raw, boolean plusIsSpace) {
    if (raw.indexOf('%') < 0) {
      return plusIsSpace ? raw.replace('+', ' ') : raw;
    }
    StringBuilder text = new StringBuilder(raw.length());
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() / 3);
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c != '%') {
        text.append(plusIsSpace && c == '+' ? ' ' : c);
        i++;
        continue;
      }
      int start = i;
      bytes.clear();
      while (i < raw.length() && raw.charAt(i) == '%') {
        if (i + 3 > raw.length()) {
          throw new Malformed(
              "'" + raw.substring(i) + "' at the end is not a percent-encoded byte (%XX)");
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new Malformed(
              "'" + raw.substring(i, i + 3) + "' is not a percent-encoded byte (%XX)");
        }
        bytes.put((byte) (high << 4 | low));
        i += 3;
      }
      try {
        text.append(
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(bytes.flip()));
      } catch (CharacterCodingException e) {
        throw new Malformed("the bytes of '" + raw.substring(start, i) + "' are not UTF-8 text");
      }
    }
    return text.toString();
  }
}
