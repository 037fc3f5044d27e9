package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bucket settings: policy, ownership controls, default encryption, Block Public Access, events. */
class S3BucketConfigurationTest {
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "config");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void newBucket_hasAwsDefaults() {
    assertThat(f.s3.configuration().getBucketOwnershipControls(f.dev, "config"))
        .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    assertThat(f.s3.configuration().getPublicAccessBlock(f.dev, "config"))
        .isEqualTo(PublicAccessBlock.ALL_ON);
    assertThat(f.s3.configuration().getBucketEncryption(f.dev, "config"))
        .isEqualTo(ServerSideEncryption.SSE_S3);
    assertThat(f.s3.configuration().getBucketVersioning(f.dev, "config")).isNull();
    assertAwsError(
        () -> f.s3.configuration().getBucketPolicy(f.dev, "config"), "NoSuchBucketPolicy");
    assertThat(f.s3.configuration().getBucketAcl(f.dev, "config").grants())
        .containsExactly(Grant.user(CanonicalUser.idOf(S3Fixture.DEV), "FULL_CONTROL"));
  }

  @Test
  void malformedPolicy_isMalformedPolicy_withTheEnginesMessage_andNothingIsStored() {
    assertAwsError(
        () -> f.s3.configuration().putBucketPolicy(f.dev, "config", "{not json"),
        "MalformedPolicy");
    assertAwsError(
            () ->
                f.s3
                    .configuration()
                    .putBucketPolicy(
                        f.dev,
                        "config",
                        """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                          "Action":"s3:GetObject","Resource":"arn:aws:s3:::config/*"}]}\
                        """),
            "MalformedPolicy")
        .contains("Principal");
    assertAwsError(
            () ->
                f.s3
                    .configuration()
                    .putBucketPolicy(
                        f.dev,
                        "config",
                        """
                        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                          "Action":"s3:GetObject","Resource":"arn:aws:s3:::other/*"}]}\
                        """),
            "MalformedPolicy")
        .isEqualTo("Policy has invalid resource");
    assertAwsError(
        () -> f.s3.configuration().getBucketPolicy(f.dev, "config"), "NoSuchBucketPolicy");
  }

  @Test
  void publicPolicy_isBlockedByBlockPublicPolicy_untilTheBlockIsRemoved() {
    String open =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::config/*"}]}\
        """;
    assertAwsError(
            () -> f.s3.configuration().putBucketPolicy(f.dev, "config", open), "AccessDenied")
        .contains("BlockPublicPolicy");
    f.s3.configuration().deletePublicAccessBlock(f.dev, "config");
    assertAwsError(
        () -> f.s3.configuration().getPublicAccessBlock(f.dev, "config"),
        "NoSuchPublicAccessBlockConfiguration");
    f.s3.configuration().putBucketPolicy(f.dev, "config", open);
    assertThat(f.s3.configuration().getBucketPolicyStatus(f.dev, "config")).isTrue();
    assertThat(f.s3.configuration().getBucketPolicy(f.dev, "config")).isEqualTo(open);
    f.s3.configuration().deleteBucketPolicy(f.dev, "config");
    assertAwsError(
        () -> f.s3.configuration().getBucketPolicyStatus(f.dev, "config"), "NoSuchBucketPolicy");
  }

  @Test
  void policyLockout_theOwnersRootCanStillDeleteThePolicy() {
    f.s3
        .configuration()
        .putBucketPolicy(
            f.dev,
            "config",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*",
              "Action":"s3:*","Resource":["arn:aws:s3:::config","arn:aws:s3:::config/*"]}]}\
            """);
    assertAwsError(() -> f.s3.configuration().getBucketVersioning(f.dev, "config"), "AccessDenied")
        .contains("with an explicit deny in a resource-based policy");
    f.s3.configuration().deleteBucketPolicy(f.dev, "config");
    assertThat(f.s3.configuration().getBucketVersioning(f.dev, "config")).isNull();
  }

  @Test
  void ownershipControls_canBeChangedAndDeleted() {
    f.s3.configuration().putBucketOwnershipControls(f.dev, "config", ObjectOwnership.OBJECT_WRITER);
    assertThat(f.s3.configuration().getBucketOwnershipControls(f.dev, "config"))
        .isEqualTo(ObjectOwnership.OBJECT_WRITER);
    f.s3.configuration().deleteBucketOwnershipControls(f.dev, "config");
    assertAwsError(
        () -> f.s3.configuration().getBucketOwnershipControls(f.dev, "config"),
        "OwnershipControlsNotFoundError");
  }

  @Test
  void defaultEncryption_isSetAndDeleted() {
    var kms = new ServerSideEncryption(ServerSideEncryption.AWS_KMS, "alias/s3deploykey", true);
    f.s3.configuration().putBucketEncryption(f.dev, "config", kms);
    assertThat(f.s3.configuration().getBucketEncryption(f.dev, "config")).isEqualTo(kms);
    f.s3.configuration().deleteBucketEncryption(f.dev, "config");
    assertThat(f.s3.configuration().getBucketEncryption(f.dev, "config"))
        .isEqualTo(ServerSideEncryption.SSE_S3);
  }

  @Test
  void eventBridgeNotification_isKeptOnTheBucket() {
    String document =
        "<NotificationConfiguration><EventBridgeConfiguration/></NotificationConfiguration>";
    f.s3.configuration().putBucketNotification(f.dev, "config", document, true);
    assertThat(f.s3.buckets().headBucket(f.dev, "config").eventBridgeEnabled()).isTrue();
    assertThat(f.s3.configuration().getBucketNotification(f.dev, "config")).isEqualTo(document);
  }

  @Test
  void otherAccount_cannotReadBucketSettings() {
    assertAwsError(
        () -> f.s3.configuration().getBucketEncryption(f.prod, "config"), "AccessDenied");
    assertAwsError(() -> f.s3.configuration().getBucketPolicy(f.prod, "config"), "AccessDenied");
  }
}
