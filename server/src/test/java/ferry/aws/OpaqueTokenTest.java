package ferry.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class OpaqueTokenTest {
  @Test
  void tokens_neverStartWithADash_whichTheAwsCliWouldReadAsAnOption() {
    // one plain base64url text in 64 starts with '-': 10,000 tokens all pass only if none can
    for (int i = 0; i < 10_000; i++) {
      String token = OpaqueToken.of(32);
      assertThat(token).hasSize(43).doesNotStartWith("-");
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }
  }
}
