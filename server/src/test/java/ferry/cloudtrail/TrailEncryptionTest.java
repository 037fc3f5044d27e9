package ferry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.cloudtrail.store.TrailRepository;
import ferry.kms.CreateKeyRequest;
import ferry.kms.KmsService;
import ferry.s3.AccessControlList;
import ferry.s3.CreateBucketRequest;
import ferry.s3.GetObjectRequest;
import ferry.s3.S3Service;
import ferry.s3.store.BucketRepository;
import ferry.s3.store.ObjectRepository;
import ferry.s3.store.ServerKey;
import ferry.s3.store.UploadRepository;
import ferry.store.BlobFiles;
import ferry.testing.IdentityServices;
import ferry.testing.TestKms;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trail's KmsKeyId: resolved to the key's ARN and checked against the key policy as CloudTrail,
 * on real IAM, KMS and S3 services; log files written with it are SSE-KMS objects a reader needs
 * kms:Decrypt for.
 */
class TrailEncryptionTest {
  static final String DEV = IdentityServices.DEV.value();
  static final String TRAIL_ARN = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/audit";

  @TempDir Path dir;
  IdentityServices identity;
  KmsService kms;
  S3Service s3;
  TrailRepository repository;
  TrailService trails;
  Caller dev;

  @BeforeEach
  void start() {
    identity = new IdentityServices(dir);
    kms = TestKms.on(identity.db, dir, identity.authorizer, identity.clock);
    s3 =
        new S3Service(
            new BucketRepository(identity.db),
            new ObjectRepository(identity.db),
            new UploadRepository(identity.db),
            new BlobFiles(dir),
            ServerKey.inFile(dir.resolve("s3-server.key")),
            kms,
            identity.authorizer,
            identity.clock);
    repository = new TrailRepository(identity.db);
    trails =
        new TrailService(
            repository,
            new TrailDelivery(repository, s3.serviceWrites(), kms, identity.clock),
            identity.authorizer,
            identity.clock);
    dev = Caller.of(new Principal.AccountRoot(IdentityServices.DEV), Region.US_EAST_1, now());
    s3.buckets()
        .createBucket(
            dev, new CreateBucketRequest("logs", Region.US_EAST_1, null, AccessControlList.NONE));
    s3.configuration().putBucketPolicy(dev, "logs", bucketPolicy());
  }

  @AfterEach
  void stop() throws Exception {
    identity.close();
  }

  java.time.Instant now() {
    return identity.clock.instant();
  }

  /** AWS's documented key policy for a trail: the account's root, CloudTrail's two statements. */
  static String keyPolicy(boolean withCloudTrail) {
    String cloudTrail =
        """
        ,{"Sid":"AllowCloudTrailToEncryptLogs","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:GenerateDataKey*",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%s"},
          "StringLike":{"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:%s:trail/*"}}},
         {"Sid":"AllowCloudTrailToDescribeKey","Effect":"Allow",
          "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:DescribeKey",
          "Resource":"*","Condition":{"StringEquals":{"aws:SourceArn":"%s"}}}
        """
            .formatted(TRAIL_ARN, DEV, TRAIL_ARN);
    return """
    {"Version":"2012-10-17","Statement":[
     {"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},
      "Action":"kms:*","Resource":"*"}%s]}
    """
        .formatted(DEV, withCloudTrail ? cloudTrail : "");
  }

  static String bucketPolicy() {
    return """
    {"Version":"2012-10-17","Statement":[
     {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
      "Action":"s3:GetBucketAcl","Resource":"arn:aws:s3:::logs"},
     {"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
      "Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/AWSLogs/%s/*",
      "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}]}
    """
        .formatted(DEV);
  }

  String key(boolean withCloudTrail) {
    String arn =
        kms.keys()
            .createKey(
                dev, CreateKeyRequest.symmetric("trail logs").withPolicy(keyPolicy(withCloudTrail)))
            .key()
            .arn();
    return arn;
  }

  static void assertError(Runnable call, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(message);
            });
  }

  CreateTrailRequest create(String keyId) {
    return new CreateTrailRequest("audit", "logs", null, true, false, keyId);
  }

  @Test
  void aKeyNamedByAlias_isStoredAsTheKeyArn() {
    String arn = key(true);
    kms.aliases().createAlias(dev, "alias/trail-logs", arn);

    Trail trail = trails.createTrail(dev, create("alias/trail-logs"));

    assertThat(trail.kmsKeyId()).isEqualTo(arn);
    assertThat(trails.getTrail(dev, "audit").kmsKeyId()).isEqualTo(arn);
  }

  @Test
  void keyIdKeyArnAndAliasArn_allResolveToTheKeyArn() {
    String arn = key(true);
    kms.aliases().createAlias(dev, "alias/trail-logs", arn);
    String keyId = arn.substring(arn.indexOf("key/") + 4);
    for (String given :
        new String[] {
          keyId, arn, "arn:aws:kms:us-east-1:" + DEV + ":alias/trail-logs",
        }) {
      assertThat(trails.createTrail(dev, create(given)).kmsKeyId()).as(given).isEqualTo(arn);
      trails.deleteTrail(dev, "audit");
    }
  }

  @Test
  void aKeyPolicyWithoutCloudTrail_isRefused_andNoTrailIsStored() {
    String arn = key(false);

    assertError(
        () -> trails.createTrail(dev, create(arn)),
        "InsufficientEncryptionPolicyException",
        "Insufficient permissions to access S3 bucket logs or KMS key " + arn + ".");
    assertThat(repository.visible(IdentityServices.DEV, Region.US_EAST_1)).isEmpty();
    // The next request, with a key CloudTrail may use, succeeds.
    assertThat(trails.createTrail(dev, create(key(true))).kmsKeyId()).isNotNull();
  }

  @Test
  void unknownAndMalformedKeys_areRefused_withCloudTrailsErrors() {
    assertError(
        () -> trails.createTrail(dev, create("alias/none")),
        "KmsKeyNotFoundException",
        "arn:aws:kms:us-east-1:" + DEV + ":alias/none");
    assertError(
        () -> trails.createTrail(dev, create("0b3bd5a3-0000-4000-8000-000000000000")),
        "KmsKeyNotFoundException",
        "0b3bd5a3-0000-4000-8000-000000000000");
    assertError(
        () -> trails.createTrail(dev, create("arn:aws:s3:::logs")),
        "InvalidKmsKeyIdException",
        "arn:aws:s3:::logs");
    // A key of another region is not found, as AWS reports it.
    assertError(
        () -> trails.createTrail(dev, create(key(true).replace("us-east-1", "eu-west-1"))),
        "KmsKeyNotFoundException",
        "eu-west-1");
    String disabled = key(true);
    kms.keys().disableKey(dev, disabled);
    assertError(() -> trails.createTrail(dev, create(disabled)), "KmsException", disabled);
    assertThat(repository.visible(IdentityServices.DEV, Region.US_EAST_1)).isEmpty();
  }

  @Test
  void updateTrail_setsAKey_andAnEmptyKeyIdRemovesIt() {
    trails.createTrail(dev, create(null));
    String arn = key(true);

    assertThat(
            trails
                .updateTrail(dev, new UpdateTrailRequest("audit", null, null, null, null, arn))
                .kmsKeyId())
        .isEqualTo(arn);
    assertThat(trails.getTrail(dev, "audit").kmsKeyId()).isEqualTo(arn);
    // A bad key leaves the trail as it was.
    String refused = key(false);
    assertError(
        () ->
            trails.updateTrail(
                dev, new UpdateTrailRequest("audit", null, null, null, null, refused)),
        "InsufficientEncryptionPolicyException",
        refused);
    assertThat(trails.getTrail(dev, "audit").kmsKeyId()).isEqualTo(arn);

    trails.updateTrail(dev, new UpdateTrailRequest("audit", null, null, null, null, ""));
    assertThat(trails.getTrail(dev, "audit").kmsKeyId()).isNull();
  }

  @Test
  void aLogFile_isAnSseKmsObject_thatAReaderNeedsKmsDecryptFor() throws Exception {
    String arn = key(true);
    Trail trail = trails.createTrail(dev, create(arn));
    Caller cloudTrail =
        Caller.of(new Principal.ServicePrincipal(TrailDelivery.SERVICE), Region.US_EAST_1, now());
    String objectKey = "AWSLogs/" + DEV + "/CloudTrail/us-east-1/file.json.gz";
    s3.serviceWrites()
        .putEncrypted(
            cloudTrail,
            "logs",
            objectKey,
            "{}".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            TrailDelivery.source(trail),
            arn,
            TrailEncryption.context(trail));

    var head = s3.objects().headObject(dev, new GetObjectRequest("logs", objectKey, null, null));
    assertThat(head.version().encryption().algorithm()).isEqualTo("aws:kms");
    assertThat(head.version().encryption().kmsKeyArn()).isEqualTo(arn);
    assertThat(head.version().encryption().context())
        .containsEntry("aws:cloudtrail:arn", TRAIL_ARN);
    try (InputStream in =
        s3.objects().getObject(dev, new GetObjectRequest("logs", objectKey, null, null)).body()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    // Another trail's ARN as aws:SourceArn is not what the key policy allows: delivery refused.
    Trail other =
        new Trail(
            trail.account(),
            trail.homeRegion(),
            "other",
            "logs",
            null,
            true,
            false,
            now(),
            Trail.Status.NEW,
            null,
            arn);
    assertError(
        () ->
            s3.serviceWrites()
                .putEncrypted(
                    cloudTrail,
                    "logs",
                    objectKey + "2",
                    new byte[] {1},
                    Map.of(),
                    TrailDelivery.source(other),
                    arn,
                    TrailEncryption.context(other)),
        "AccessDenied",
        "kms:GenerateDataKey");
  }
}
