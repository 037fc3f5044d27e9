package ferry.s3;

import static ferry.s3.S3Fixture.DEV;
import static ferry.s3.S3Fixture.PROD;
import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-account matrix of authorization.md §5.4–5.5 and §7.4: dev writes into prod's bucket
 * under each Object Ownership setting, with and without a bucket policy grant and the
 * bucket-owner-full-control ACL; who owns the object and who can read it match AWS.
 */
class S3OwnershipTest {
  static final String GRANT_DEV_PUT =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
        "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
        "Action":["s3:PutObject","s3:PutObjectAcl"],
        "Resource":"arn:aws:s3:::prod-out/*"}]}\
      """;

  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  static Stream<Arguments> matrix() {
    var enforced = ObjectOwnership.BUCKET_OWNER_ENFORCED;
    var preferred = ObjectOwnership.BUCKET_OWNER_PREFERRED;
    var writer = ObjectOwnership.OBJECT_WRITER;
    return Stream.of(
        // ownership, bucket-owner-full-control, owner, prod reads, dev reads
        Arguments.of(enforced, true, PROD, true, false),
        Arguments.of(enforced, false, PROD, true, false),
        Arguments.of(preferred, true, PROD, true, false),
        Arguments.of(preferred, false, DEV, false, true),
        Arguments.of(writer, true, DEV, true, true),
        Arguments.of(writer, false, DEV, false, true));
  }

  @ParameterizedTest(name = "{0}, bucket-owner-full-control={1}: owner {2}")
  @MethodSource("matrix")
  void devWritesIntoProdBucket_withAPolicyGrant(
      ObjectOwnership ownership,
      boolean fullControl,
      AccountId owner,
      boolean prodReads,
      boolean devReads) {
    f.bucket(f.prod, "prod-out", ownership);
    f.s3.configuration().putBucketPolicy(f.prod, "prod-out", GRANT_DEV_PUT);
    AccessControlList acl =
        fullControl
            ? AccessControlList.canned(CannedAcl.BUCKET_OWNER_FULL_CONTROL)
            : AccessControlList.NONE;
    f.put(f.dev, "prod-out", "index.html", "<html/>", acl);

    AccessControlPolicy seen =
        f.s3
            .subresources()
            .getObjectAcl(prodReads ? f.prod : f.dev, "prod-out", "index.html", null);
    assertThat(seen.owner()).isEqualTo(owner);
    if (prodReads) {
      assertThat(f.read(f.prod, "prod-out", "index.html")).isEqualTo("<html/>");
    } else {
      assertAwsError(() -> f.read(f.prod, "prod-out", "index.html"), "AccessDenied");
    }
    if (devReads) {
      assertThat(f.read(f.dev, "prod-out", "index.html")).isEqualTo("<html/>");
    } else {
      assertAwsError(() -> f.read(f.dev, "prod-out", "index.html"), "AccessDenied");
    }
  }

  @ParameterizedTest(name = "{0}: denied without a bucket policy")
  @MethodSource("matrix")
  void devWritesIntoProdBucket_withoutAGrant_isDenied_andNothingIsStored(
      ObjectOwnership ownership, boolean fullControl) {
    f.bucket(f.prod, "prod-out", ownership);
    AccessControlList acl =
        fullControl
            ? AccessControlList.canned(CannedAcl.BUCKET_OWNER_FULL_CONTROL)
            : AccessControlList.NONE;
    assertAwsError(() -> f.put(f.dev, "prod-out", "index.html", "x", acl), "AccessDenied")
        .startsWith("Access Denied");
    assertThat(f.blobFiles()).isZero();
    assertAwsError(() -> f.read(f.prod, "prod-out", "index.html"), "NoSuchKey");
  }

  @Test
  void prodWritesIntoItsOwnBucket_ownsTheObject_underEverySetting() {
    for (ObjectOwnership ownership : ObjectOwnership.values()) {
      String name = "own-" + ownership.wireName().toLowerCase();
      f.bucket(f.prod, name, ownership);
      f.put(f.prod, name, "k", "v");
      assertThat(f.s3.subresources().getObjectAcl(f.prod, name, "k", null).owner()).isEqualTo(PROD);
    }
  }

  @Test
  void aclOtherThanBucketOwnerFullControl_onEnforcedBucket_isAccessControlListNotSupported() {
    f.bucket(f.prod, "enforced-bucket");
    assertAwsError(
            () ->
                f.put(
                    f.prod,
                    "enforced-bucket",
                    "k",
                    "v",
                    AccessControlList.canned(CannedAcl.PUBLIC_READ)),
            "AccessControlListNotSupported")
        .isEqualTo("The bucket does not allow ACLs");
    assertThat(f.blobFiles()).isZero();
    f.put(f.prod, "enforced-bucket", "k", "v");
  }

  @Test
  void bucketPolicyCannotGrant_onAnObjectTheBucketOwnerDoesNotOwn() {
    f.bucket(f.prod, "writer-bucket", ObjectOwnership.OBJECT_WRITER);
    f.s3
        .configuration()
        .putBucketPolicy(
            f.prod,
            "writer-bucket",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
              "Action":["s3:PutObject","s3:GetObject"],
              "Resource":"arn:aws:s3:::writer-bucket/*"}]}\
            """);
    f.put(f.dev, "writer-bucket", "from-dev", "d");
    f.put(f.prod, "writer-bucket", "from-prod", "p");
    // The policy grants dev reading prod's own object, but cannot hand prod dev's object.
    assertThat(f.read(f.dev, "writer-bucket", "from-prod")).isEqualTo("p");
    assertAwsError(() -> f.read(f.prod, "writer-bucket", "from-dev"), "AccessDenied");
    // dev grants prod through the object ACL: now prod can read it.
    f.s3
        .subresources()
        .putObjectAcl(
            f.dev,
            "writer-bucket",
            "from-dev",
            null,
            AccessControlList.canned(CannedAcl.BUCKET_OWNER_READ));
    assertThat(f.read(f.prod, "writer-bucket", "from-dev")).isEqualTo("d");
  }

  @Test
  void explicitDenyInBucketPolicy_beatsTheObjectOwnersAcl() {
    f.bucket(f.prod, "deny-bucket", ObjectOwnership.OBJECT_WRITER);
    f.s3
        .configuration()
        .putBucketPolicy(
            f.prod,
            "deny-bucket",
            """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":{"AWS":"111111111111"},
               "Action":"s3:PutObject","Resource":"arn:aws:s3:::deny-bucket/*"},
              {"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
               "Resource":"arn:aws:s3:::deny-bucket/secret/*"}]}\
            """);
    f.put(f.dev, "deny-bucket", "secret/x", "s");
    assertAwsError(() -> f.read(f.dev, "deny-bucket", "secret/x"), "AccessDenied");
  }
}
