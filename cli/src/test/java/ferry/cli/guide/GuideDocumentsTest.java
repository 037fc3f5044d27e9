package ferry.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import org.junit.jupiter.api.Test;

class GuideDocumentsTest {
  private final GuideDocuments documents =
      new GuideDocuments(
          new GuideNames(AccountId.of("333333333333"), AccountId.of("444444444444")));

  @Test
  void documents_useTheConfiguredAccounts_andTheKeyId() {
    String policy =
        documents.readWithKey("prod/devkmss3access.json", "1234abcd-12ab-34cd-56ef-1234567890ab");

    assertThat(policy)
        .contains("arn:aws:kms:us-east-1:333333333333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        .doesNotContain("111111111111")
        .doesNotContain(GuideDocuments.KEY_ID_PLACEHOLDER);
  }

  @Test
  void withoutPrincipal_takesProdOutOfTheKeyUsers_andDropsEmptiedStatements() {
    String policy = documents.read("dev/s3deploykey-policy-initial.json");

    String without = GuideDocuments.withoutPrincipal(policy, "arn:aws:iam::444444444444:root");

    assertThat(policy).contains("arn:aws:iam::444444444444:root");
    assertThat(without)
        .doesNotContain("arn:aws:iam::444444444444:root")
        .contains("Enable IAM User Permissions")
        .doesNotContain("Allow use of the key");
  }

  @Test
  void trustingOnly_replacesTheTrustedPrincipal() {
    String trust = documents.read("prod/prods3role-trust.json");

    String own = GuideDocuments.trustingOnly(trust, "arn:aws:iam::444444444444:root");

    assertThat(own).contains("arn:aws:iam::444444444444:root").doesNotContain("service-role");
  }
}
