package ferry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentDecodingTest {

  @Test
  void aPath_keepsItsPlus_andAFormReadsItAsASpace() {
    assertThat(PercentDecoding.path("a+b%2Bc%20d")).isEqualTo("a+b+c d");
    assertThat(PercentDecoding.form("a+b%2Bc%20d")).isEqualTo("a b+c d");
    assertThat(PercentDecoding.path("plain/key.txt")).isEqualTo("plain/key.txt");
  }

  @Test
  void escapedUtf8_isDecoded_whateverTheCaseOfItsHexDigits_andBesideLiteralText() {
    assertThat(PercentDecoding.path("caf%C3%A9/%e2%82%ac%F0%9F%9A%80-x")).isEqualTo("café/€🚀-x");
    assertThat(PercentDecoding.path("%25zz")).isEqualTo("%zz");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a%zz       | '%zz' is not a percent-encoded byte (%XX)",
        "a%2        | '%2' at the end is not a percent-encoded byte (%XX)",
        "a%         | '%' at the end is not a percent-encoded byte (%XX)",
        "%C0%AF     | the bytes of '%C0%AF' are not UTF-8 text",
        "k%E2%82    | the bytes of '%E2%82' are not UTF-8 text",
        "%E2%82x%AC | the bytes of '%E2%82' are not UTF-8 text",
        "%FF        | the bytes of '%FF' are not UTF-8 text",
        "%ED%A0%80  | the bytes of '%ED%A0%80' are not UTF-8 text",
      })
  void escapesThatAreNotUtf8_orNotEscapes_areRefused_sayingWhich(String raw, String problem) {
    assertThatThrownBy(() -> PercentDecoding.path(raw))
        .isInstanceOf(PercentDecoding.Malformed.class)
        .hasMessage(problem);
    assertThatThrownBy(() -> PercentDecoding.form(raw))
        .isInstanceOf(PercentDecoding.Malformed.class)
        .hasMessage(problem);
  }
}
