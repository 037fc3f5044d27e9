package ferry.s3.store;

import org.jspecify.annotations.Nullable;

/**
 * S3's order of keys: by their UTF-8 bytes, which is the order of their code points (not of Java's
 * UTF-16 chars: a character beyond U+FFFF sorts after U+FFFF). Both databases compare keys this way
 * (SQLite's BINARY collation, PostgreSQL's C collation on a UTF8 database).
 */
public final class KeyOrder {
  private KeyOrder() {}

  /** Compares two keys in S3's order. */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * The least key after every key that starts with {@code prefix}: the prefix with its last code
   * point raised by one (over the surrogates, which no key holds), after dropping trailing
   * U+10FFFF; null when no key comes after them all (an empty prefix, or only U+10FFFF).
   */
  public static @Nullable String pastPrefix(String prefix) {
    int end = prefix.length();
    while (end > 0) {
      int last = prefix.codePointBefore(end);
      int start = end - Character.charCount(last);
      if (last < Character.MAX_CODE_POINT) {
        int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
        return prefix.substring(0, start) + Character.toString(next);
      }
      end = start;
    }
    return null;
  }
}
