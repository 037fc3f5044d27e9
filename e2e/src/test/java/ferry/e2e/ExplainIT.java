package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code ferry explain ID} on the id a denied request carries ({@code x-ferry-decision-id}) names
 * the grant that is missing: the bucket policy, the key policy, the trust policy or the caller's
 * identity-based policy.
 */
class ExplainIT {
  private static final String DEV = "111111111111";
  private static final String PROD = "222222222222";

  private static Path data;
  private static FerryServer ferry;

  @BeforeAll
  static void start() throws IOException {
    data = Files.createTempDirectory("ferry-explain-it");
    ferry = FerryServer.start(data);
  }

  @AfterAll
  static void stop() {
    ferry.close();
  }

  private static StaticCredentialsProvider root(String account) {
    FerryServer.Account a = ferry.account(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey()));
  }

  private static S3Client s3(String account) {
    return S3Client.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(root(account))
        .build();
  }

  private static KmsClient kms(String account) {
    return KmsClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(root(account))
        .build();
  }

  private static IamClient iam(String account) {
    return IamClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(root(account))
        .build();
  }

  private static String decisionId(AwsServiceException denied) {
    return denied
        .awsErrorDetails()
        .sdkHttpResponse()
        .firstMatchingHeader("x-ferry-decision-id")
        .orElseThrow(() -> new AssertionError("no x-ferry-decision-id on " + denied.getMessage()));
  }

  private static String explain(String id) throws IOException, InterruptedException {
    FerryCommandLine.Result result =
        FerryCommandLine.jar(
            Duration.ofMinutes(1), "explain", "--endpoint", ferry.endpoint().toString(), id);
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  private static String missing(String explanation) {
    return explanation
        .lines()
        .filter(line -> line.strip().startsWith("Missing:"))
        .findFirst()
        .orElse("(no Missing: line)\n" + explanation);
  }

  @Test
  void deniedCrossAccountGetObject_namesTheBucketPolicy() throws Exception {
    try (S3Client dev = s3("dev");
        S3Client prod = s3("prod")) {
      dev.createBucket(b -> b.bucket("explain-artifacts"));
      dev.putObject(
          p -> p.bucket("explain-artifacts").key("artifact.zip"), RequestBody.fromString("zip"));
      dev.putBucketPolicy(p ->
          p.bucket("explain-artifacts")
              .policy(
                  """
                  {"Version":"2012-10-17","Statement":[{"Sid":"DevLists","Effect":"Allow",
                   "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"s3:ListBucket",
                   "Resource":"arn:aws:s3:::explain-artifacts"}]}\
                  """
                      .formatted(DEV)));

      AwsServiceException denied =
          catchThrowableOfType(
              AwsServiceException.class,
              () -> prod.getObjectAsBytes(g -> g.bucket("explain-artifacts").key("artifact.zip")));

      assertThat(denied.statusCode()).isEqualTo(403);
      String explanation = explain(decisionId(denied));
      assertThat(explanation)
          .contains("DENIED")
          .contains("s3:GetObject")
          .contains("arn:aws:s3:::explain-artifacts/artifact.zip");
      assertThat(missing(explanation)).containsIgnoringCase("bucket policy");
      assertThat(prod.listBuckets().buckets()).isEmpty(); // the next request still works
    }
  }

  @Test
  void deniedCrossAccountDecrypt_namesTheKeyPolicy() throws Exception {
    try (KmsClient dev = kms("dev");
        KmsClient prod = kms("prod")) {
      String keyPolicy =
          """
          {"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions",
           "Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*",
           "Resource":"*"}]}\
          """
              .formatted(DEV);
      String keyArn = dev.createKey(k -> k.policy(keyPolicy)).keyMetadata().arn();
      SdkBytes ciphertext =
          dev.encrypt(e -> e.keyId(keyArn).plaintext(SdkBytes.fromUtf8String("secret")))
              .ciphertextBlob();

      AwsServiceException denied =
          catchThrowableOfType(
              AwsServiceException.class,
              () -> prod.decrypt(d -> d.keyId(keyArn).ciphertextBlob(ciphertext)));

      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
      String explanation = explain(decisionId(denied));
      assertThat(explanation).contains("DENIED").contains("kms:Decrypt");
      assertThat(missing(explanation)).containsIgnoringCase("key policy");
    }
  }

  @Test
  void deniedAssumeRole_namesTheTrustPolicy_orTheCallersIdentityPolicy() throws Exception {
    try (IamClient devIam = iam("dev");
        IamClient prodIam = iam("prod")) {
      prodIam.createRole(r ->
          r.roleName("explain-trusts-prod-only")
              .assumeRolePolicyDocument(trust("arn:aws:iam::" + PROD + ":root")));
      prodIam.createRole(r ->
          r.roleName("explain-trusts-dev")
              .assumeRolePolicyDocument(trust("arn:aws:iam::" + DEV + ":root")));
      devIam.createUser(u -> u.userName("explain-deployer"));
      devIam.putUserPolicy(p ->
          p.userName("explain-deployer")
              .policyName("assume-trusts-prod-only")
              .policyDocument(
                  """
                  {"Version":"2012-10-17","Statement":{"Effect":"Allow",
                   "Action":"sts:AssumeRole",
                   "Resource":"arn:aws:iam::%s:role/explain-trusts-prod-only"}}\
                  """
                      .formatted(PROD)));
      AccessKey key = devIam.createAccessKey(k -> k.userName("explain-deployer")).accessKey();

      try (StsClient sts =
          StsClient.builder()
              .endpointOverride(ferry.endpoint())
              .region(Region.US_EAST_1)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
              .build()) {
        AwsServiceException noTrust =
            catchThrowableOfType(
                AwsServiceException.class,
                () ->
                    sts.assumeRole(a ->
                        a.roleArn("arn:aws:iam::" + PROD + ":role/explain-trusts-prod-only")
                            .roleSessionName("explain-session")));
        AwsServiceException noIdentity =
            catchThrowableOfType(
                AwsServiceException.class,
                () ->
                    sts.assumeRole(a ->
                        a.roleArn("arn:aws:iam::" + PROD + ":role/explain-trusts-dev")
                            .roleSessionName("explain-session")));

        String trustExplanation = explain(decisionId(noTrust));
        assertThat(trustExplanation).contains("DENIED").contains("sts:AssumeRole");
        assertThat(missing(trustExplanation)).containsIgnoringCase("trust policy");
        String identityExplanation = explain(decisionId(noIdentity));
        assertThat(identityExplanation).contains("DENIED").contains("sts:AssumeRole");
        assertThat(missing(identityExplanation)).containsIgnoringCase("identity-based policy");
      }
    }
  }

  private static String trust(String principal) {
    return """
    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
     "Principal":{"AWS":"%s"},"Action":"sts:AssumeRole"}]}\
    """
        .formatted(principal);
  }
}
