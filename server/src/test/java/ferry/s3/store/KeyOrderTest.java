package ferry.s3.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
  static final String EMOJI = "\uD83D\uDE00"; // U+1F600
  static final String LAST = "\uDBFF\uDFFF"; // U+10FFFF

  @Test
  void keysCompare_asTheirUtf8Bytes_notAsJavaChars() {
    List<String> keys = List.of("a", "a\uFFFF", "a" + EMOJI, "a\uE000", "ab", "a" + LAST, "");

    List<String> byKeyOrder = keys.stream().sorted(KeyOrder::compare).toList();
    List<String> byBytes =
        keys.stream().sorted((x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y))).toList();

    assertThat(byKeyOrder)
        .isEqualTo(byBytes)
        .containsExactly("", "a", "ab", "a\uE000", "a\uFFFF", "a" + EMOJI, "a" + LAST);
  }

  @Test
  void pastPrefix_isTheLastCodePointRaisedByOne() {
    assertThat(KeyOrder.pastPrefix("dir/")).isEqualTo("dir0");
    assertThat(KeyOrder.pastPrefix("a\uFFFF")).isEqualTo("a\uD800\uDC00");
    assertThat(KeyOrder.pastPrefix("a" + EMOJI)).isEqualTo("a\uD83D\uDE01");
  }

  @Test
  void pastPrefix_stepsOverTheSurrogates_andDropsTrailingU10ffff() {
    assertThat(KeyOrder.pastPrefix("a\uD7FF")).isEqualTo("a\uE000");
    assertThat(KeyOrder.pastPrefix("a" + LAST + LAST)).isEqualTo("b");
  }

  @Test
  void pastPrefix_isNone_whenNoKeyComesAfterEveryKeyWithThePrefix() {
    assertThat(KeyOrder.pastPrefix("")).isNull();
    assertThat(KeyOrder.pastPrefix(LAST)).isNull();
  }

  @Test
  void everyKeyWithThePrefix_sortsBeforePastPrefix_andEveryLaterKeyNotBefore() {
    String prefix = "dir" + EMOJI;
    String past = KeyOrder.pastPrefix(prefix);
    for (String key : List.of(prefix, prefix + LAST, prefix + "\uFFFF" + LAST, prefix + "z")) {
      assertThat(KeyOrder.compare(key, past)).isNegative();
    }
    for (String key : List.of("dir\uD83D\uDE01", "dir" + LAST, "dis", "e")) {
      assertThat(KeyOrder.compare(key, past)).isNotNegative();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
