package ferry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;

@Ferry(accounts = {"build=333333333333", "live=444444444444"})
class AccountsTest {
  @Account("live")
  static StsClient liveSts;

  @Test
  void declaredAccountsAreServed(@Account("build") StsClient sts, StsClient first) {
    assertThat(sts.getCallerIdentity().account()).isEqualTo("333333333333");
    assertThat(first.getCallerIdentity().account()).isEqualTo("333333333333");
    assertThat(liveSts.getCallerIdentity().account()).isEqualTo("444444444444");
  }

  @Test
  void credentialsAreTheRoots(LocalFerry ferry, @Account("live") AwsCredentialsProvider live) {
    assertThat(live.resolveCredentials().accessKeyId()).isEqualTo(ferry.root("live").accessKeyId());
  }

  @Nested
  class Inner {
    @Test
    void sharesTheOuterClassFerry(LocalFerry ferry) {
      assertThat(ferry.accountNames()).containsExactly("build", "live");
    }
  }
}
