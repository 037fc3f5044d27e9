package ferry.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PercentDecodingTest {
  @Test
  void aFormBody_isDecoded_withPlusAsSpace_andRepeatedFieldsKept() {
    assertThat(PercentDecoding.form("a=1+2&b=%2F%C3%A9&a=3&flag"))
        .isEqualTo(Map.of("a", List.of("1 2", "3"), "b", List.of("/é"), "flag", List.of("")));
  }

  @Test
  void brokenPairs_areLeftOut() {
    assertThat(PercentDecoding.form("good=1&bad=%zz&worse=%ff&=empty"))
        .isEqualTo(Map.of("good", List.of("1"), "", List.of("empty")));
  }

  @Test
  void nothing_isNoFields() {
    assertThat(PercentDecoding.form(null)).isEmpty();
    assertThat(PercentDecoding.form("")).isEmpty();
  }
}
