package ferry.junit;

import static ferry.junit.FerryAssertions.assertDenied;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

class DenialTest {
  @RegisterExtension static final FerryExtension ferry = FerryExtension.builder().build();

  @Account("prod")
  S3Client prodS3;

  @BeforeAll
  static void dropsABuildInDev(@Account("dev") S3Client s3) {
    s3.createBucket(b -> b.bucket("dev-artifacts"));
    s3.putObject(b -> b.bucket("dev-artifacts").key("build.zip"), RequestBody.fromString("zip"));
    ferry
        .account("dev")
        .iam()
        .createRole(r ->
            r.roleName("reader")
                .assumeRolePolicyDocument(
                    """
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                      "Principal": {"AWS": "arn:aws:iam::111111111111:root"},
                      "Action": "sts:AssumeRole"}]}
                    """));
  }

  @Test
  void anotherAccountIsDeniedWithTheExplanation() {
    Denial denial =
        assertDenied(() -> prodS3.getObject(b -> b.bucket("dev-artifacts").key("build.zip")));

    assertThat(denial.errorCode()).isEqualTo("AccessDenied");
    assertThat(denial.statusCode()).isEqualTo(403);
    assertThat(denial.message()).contains(denial.decisionId());
    assertThat(denial.principal()).isEqualTo("arn:aws:iam::222222222222:root");
    assertThat(denial.action()).isEqualTo("s3:GetObject");
    assertThat(denial.resource()).isEqualTo("arn:aws:s3:::dev-artifacts/build.zip");
    assertThat(denial.explanation()).isNotBlank();
  }

  @Test
  void aRoleWithoutPoliciesIsDenied(@AssumedRole(account = "dev", role = "reader") S3Client s3) {
    Denial denial = assertDenied(() -> s3.getObject(b -> b.bucket("dev-artifacts").key("x")));

    assertThat(denial.principal())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/reader/ferry-junit");
    assertThat(ferry.assumeRole("dev", "reader").credentials()).isNotNull();
  }

  @Test
  void aDenialOfAJsonServiceCarriesItsDecisionToo(@Account("prod") KmsClient kms) {
    var key = ferry.account("dev").kms().createKey(b -> {}).keyMetadata().arn();

    Denial denial = ferry.assertDenied(() -> kms.describeKey(b -> b.keyId(key)));

    assertThat(denial.errorCode()).isEqualTo("AccessDeniedException");
    assertThat(denial.action()).isEqualTo("kms:DescribeKey");
  }

  @Test
  void aCallThatSucceedsFailsTheAssertion(@Account("dev") S3Client s3) {
    assertThatThrownBy(() -> assertDenied(s3::listBuckets))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("it succeeded");
  }

  @Test
  void anErrorThatIsNoDenialFailsTheAssertion(@Account("dev") S3Client s3) {
    assertThatThrownBy(() -> assertDenied(() -> s3.headBucket(b -> b.bucket("missing"))))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("Ferry decision");
  }
}
