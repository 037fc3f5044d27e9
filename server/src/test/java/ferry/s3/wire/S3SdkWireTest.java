package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * S3 through the AWS SDK for Java v2 with its default behaviour (aws-chunked uploads with CRC32
 * trailers, checksum validation on reads), path style and virtual-hosted style.
 */
class S3SdkWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;
  static S3Client prod;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
    prod = ferry.s3("prod");
  }

  @Test
  void putAndGet_withTheSdksDefaultChecksums_roundTrip() {
    dev.createBucket(b -> b.bucket("sdk-default"));
    byte[] bytes = random(2 * 1024 * 1024 + 3, 1);
    var put =
        dev.putObject(
            p ->
                p.bucket("sdk-default")
                    .key("dir/file.bin")
                    .contentType("application/zip")
                    .metadata(java.util.Map.of("colour", "blue")),
            RequestBody.fromBytes(bytes));
    assertThat(put.checksumCRC32()).isNotNull();
    assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
    ResponseBytes<GetObjectResponse> got =
        dev.getObjectAsBytes(
            g -> g.bucket("sdk-default").key("dir/file.bin").checksumMode(ChecksumMode.ENABLED));
    assertThat(got.asByteArray()).isEqualTo(bytes);
    assertThat(got.response().contentType()).isEqualTo("application/zip");
    assertThat(got.response().metadata()).containsEntry("colour", "blue");
    assertThat(got.response().checksumCRC32()).isEqualTo(put.checksumCRC32());

    ResponseBytes<GetObjectResponse> range =
        dev.getObjectAsBytes(g -> g.bucket("sdk-default").key("dir/file.bin").range("bytes=10-19"));
    assertThat(range.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, 20));
    assertThat(range.response().contentRange()).isEqualTo("bytes 10-19/" + bytes.length);

    var overridden =
        dev.getObjectAsBytes(
            g -> g.bucket("sdk-default").key("dir/file.bin").responseContentType("text/x-test"));
    assertThat(overridden.response().contentType()).isEqualTo("text/x-test");
  }

  @Test
  void everySdkChecksumAlgorithm_isVerifiedAndStored() {
    dev.createBucket(b -> b.bucket("sdk-checksums"));
    for (ChecksumAlgorithm algorithm :
        List.of(
            ChecksumAlgorithm.CRC32,
            ChecksumAlgorithm.CRC32_C,
            // CRC64NVME needs the SDK's CRT module; ChecksumAlgorithmTest checks Ferry's vector.
            ChecksumAlgorithm.SHA1,
            ChecksumAlgorithm.SHA256)) {
      String key = "k-" + algorithm;
      dev.putObject(
          p -> p.bucket("sdk-checksums").key(key).checksumAlgorithm(algorithm),
          RequestBody.fromString("hello\n"));
      var head =
          dev.headObject(
              h -> h.bucket("sdk-checksums").key(key).checksumMode(ChecksumMode.ENABLED));
      assertThat(head.contentLength()).isEqualTo(6);
    }
  }

  @Test
  void multipartUpload_completesWithTheMultipartEtag() {
    dev.createBucket(b -> b.bucket("sdk-multipart"));
    String uploadId =
        dev.createMultipartUpload(c -> c.bucket("sdk-multipart").key("big")).uploadId();
    byte[] one = random(5 * 1024 * 1024, 2);
    byte[] two = random(1024, 3);
    List<CompletedPart> parts = new ArrayList<>();
    int number = 1;
    for (byte[] part : List.of(one, two)) {
      int n = number++;
      String etag =
          dev.uploadPart(
                  u -> u.bucket("sdk-multipart").key("big").uploadId(uploadId).partNumber(n),
                  RequestBody.fromBytes(part))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
    }
    assertThat(dev.listParts(l -> l.bucket("sdk-multipart").key("big").uploadId(uploadId)).parts())
        .hasSize(2);
    var done =
        dev.completeMultipartUpload(c ->
            c.bucket("sdk-multipart")
                .key("big")
                .uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    assertThat(done.eTag()).endsWith("-2\"");
    byte[] got = dev.getObjectAsBytes(g -> g.bucket("sdk-multipart").key("big")).asByteArray();
    assertThat(got.length).isEqualTo(one.length + two.length);
    assertThat(java.util.Arrays.copyOfRange(got, one.length, got.length)).isEqualTo(two);

    var second = dev.getObjectAsBytes(g -> g.bucket("sdk-multipart").key("big").partNumber(2));
    assertThat(second.asByteArray()).isEqualTo(two);
    assertThat(second.response().partsCount()).isEqualTo(2);
    assertThat(second.response().contentRange())
        .isEqualTo("bytes " + one.length + "-" + (got.length - 1) + "/" + got.length);
    var head = dev.headObject(h -> h.bucket("sdk-multipart").key("big").partNumber(1));
    assertThat(head.contentLength()).isEqualTo(one.length);
    assertThat(head.partsCount()).isEqualTo(2);
  }

  @Test
  void versioning_copy_deleteObjects_andVersionListing() {
    dev.createBucket(b -> b.bucket("sdk-versions"));
    dev.putBucketVersioning(v ->
        v.bucket("sdk-versions")
            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    assertThat(dev.getBucketVersioning(v -> v.bucket("sdk-versions")).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
    String v1 =
        dev.putObject(p -> p.bucket("sdk-versions").key("a"), RequestBody.fromString("1"))
            .versionId();
    dev.putObject(p -> p.bucket("sdk-versions").key("a"), RequestBody.fromString("2"));
    dev.copyObject(c ->
        c.sourceBucket("sdk-versions")
            .sourceKey("a")
            .sourceVersionId(v1)
            .destinationBucket("sdk-versions")
            .destinationKey("b")
            .metadataDirective(MetadataDirective.REPLACE)
            .contentType("text/plain"));
    assertThat(dev.getObjectAsBytes(g -> g.bucket("sdk-versions").key("b")).asUtf8String())
        .isEqualTo("1");
    var deleted =
        dev.deleteObjects(d ->
            d.bucket("sdk-versions")
                .delete(x ->
                    x.objects(
                        ObjectIdentifier.builder().key("a").build(),
                        ObjectIdentifier.builder().key("b").build())));
    assertThat(deleted.deleted()).hasSize(2).allMatch(d -> Boolean.TRUE.equals(d.deleteMarker()));
    var versions = dev.listObjectVersions(l -> l.bucket("sdk-versions"));
    assertThat(versions.versions()).extracting(ObjectVersion::key).containsExactly("a", "a", "b");
    assertThat(versions.deleteMarkers()).hasSize(2);
  }

  @Test
  void bucketSettings_roundTripThroughTheSdk() {
    dev.createBucket(b -> b.bucket("sdk-settings"));
    assertThat(
            dev.getBucketOwnershipControls(o -> o.bucket("sdk-settings"))
                .ownershipControls()
                .rules()
                .getFirst()
                .objectOwnership())
        .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
    dev.putBucketOwnershipControls(o ->
        o.bucket("sdk-settings")
            .ownershipControls(c ->
                c.rules(
                    OwnershipControlsRule.builder()
                        .objectOwnership(ObjectOwnership.OBJECT_WRITER)
                        .build())));
    dev.putBucketEncryption(e ->
        e.bucket("sdk-settings")
            .serverSideEncryptionConfiguration(c ->
                c.rules(
                    ServerSideEncryptionRule.builder()
                        .applyServerSideEncryptionByDefault(
                            d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                        .build())));
    assertThat(
            dev.getBucketEncryption(e -> e.bucket("sdk-settings"))
                .serverSideEncryptionConfiguration()
                .rules()
                .getFirst()
                .applyServerSideEncryptionByDefault()
                .sseAlgorithm())
        .isEqualTo(ServerSideEncryption.AES256);
    dev.putPublicAccessBlock(p ->
        p.bucket("sdk-settings")
            .publicAccessBlockConfiguration(c ->
                c.blockPublicAcls(false)
                    .ignorePublicAcls(false)
                    .blockPublicPolicy(true)
                    .restrictPublicBuckets(true)));
    assertThat(
            dev.getPublicAccessBlock(p -> p.bucket("sdk-settings"))
                .publicAccessBlockConfiguration()
                .blockPublicAcls())
        .isFalse();
    String policy =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
          "Action":"s3:GetObject","Resource":"arn:aws:s3:::sdk-settings/*"}]}\
        """;
    dev.putBucketPolicy(p -> p.bucket("sdk-settings").policy(policy));
    assertThat(dev.getBucketPolicy(p -> p.bucket("sdk-settings")).policy()).isEqualTo(policy);
    assertThat(dev.getBucketPolicyStatus(p -> p.bucket("sdk-settings")).policyStatus().isPublic())
        .isFalse();
    dev.putObject(
        p -> p.bucket("sdk-settings").key("shared").acl(ObjectCannedACL.PUBLIC_READ),
        RequestBody.fromString("s"));
    assertThat(dev.getObjectAcl(a -> a.bucket("sdk-settings").key("shared")).grants()).hasSize(2);
    assertThat(prod.getObjectAsBytes(g -> g.bucket("sdk-settings").key("shared")).asUtf8String())
        .isEqualTo("s");
    dev.putObjectTagging(t ->
        t.bucket("sdk-settings")
            .key("shared")
            .tagging(g -> g.tagSet(Tag.builder().key("k").value("v").build())));
    assertThat(dev.getObjectTagging(t -> t.bucket("sdk-settings").key("shared")).tagSet())
        .hasSize(1);
    dev.putBucketNotificationConfiguration(n ->
        n.bucket("sdk-settings")
            .notificationConfiguration(c -> c.eventBridgeConfiguration(e -> {})));
    assertThat(
            dev.getBucketNotificationConfiguration(n -> n.bucket("sdk-settings"))
                .eventBridgeConfiguration())
        .isNotNull();
    dev.deleteBucketPolicy(p -> p.bucket("sdk-settings"));
  }

  @Test
  void malformedPolicy_isMalformedPolicy_andTheNextRequestSucceeds() {
    dev.createBucket(b -> b.bucket("sdk-bad-policy"));
    assertThatThrownBy(() -> dev.putBucketPolicy(p -> p.bucket("sdk-bad-policy").policy("{nope")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicy");
            });
    assertThatThrownBy(() -> dev.getBucketPolicy(p -> p.bucket("sdk-bad-policy")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchBucketPolicy"));
    dev.headBucket(h -> h.bucket("sdk-bad-policy"));
  }

  @Test
  void virtualHostedStyle_addressesTheBucketByHost() {
    URI endpoint = URI.create("http://localhost:" + ferry.endpoint().getPort());
    try (S3Client virtual =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .forcePathStyle(false)
            .credentialsProvider(ferry.credentials("dev"))
            .httpClient(
                Apache5HttpClient.builder()
                    .dnsResolver(
                        new org.apache.hc.client5.http.SystemDefaultDnsResolver() {
                          @Override
                          public InetAddress[] resolve(String host) {
                            // No wildcard DNS here: every virtual host name is this machine.
                            return new InetAddress[] {InetAddress.getLoopbackAddress()};
                          }
                        })
                    .build())
            .build()) {
      virtual.createBucket(b -> b.bucket("virtual-bucket"));
      virtual.putObject(
          p -> p.bucket("virtual-bucket").key("a/b c.txt"), RequestBody.fromString("vh"));
      assertThat(
              virtual
                  .getObjectAsBytes(g -> g.bucket("virtual-bucket").key("a/b c.txt"))
                  .asString(StandardCharsets.UTF_8))
          .isEqualTo("vh");
      assertThat(virtual.listObjectsV2(l -> l.bucket("virtual-bucket")).contents()).hasSize(1);
    }
    assertThat(
            dev.getObjectAsBytes(g -> g.bucket("virtual-bucket").key("a/b c.txt")).asUtf8String())
        .isEqualTo("vh");
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void listBuckets_filtersByPrefixAndRegion_andPages() {
    for (String name : List.of("page-a", "page-b", "page-c", "other-d")) {
      dev.createBucket(b -> b.bucket(name));
    }
    var first = dev.listBuckets(b -> b.prefix("page-").maxBuckets(2));
    assertThat(first.buckets()).extracting(b -> b.name()).containsExactly("page-a", "page-b");
    assertThat(first.prefix()).isEqualTo("page-");
    assertThat(first.continuationToken()).isNotNull();
    var second =
        dev.listBuckets(
            b -> b.prefix("page-").maxBuckets(2).continuationToken(first.continuationToken()));
    assertThat(second.buckets()).extracting(b -> b.name()).containsExactly("page-c");
    assertThat(second.continuationToken()).isNull();
    assertThat(dev.listBuckets(b -> b.prefix("page-").bucketRegion("eu-west-1")).buckets())
        .isEmpty();
    assertThat(dev.listBuckets(b -> b.prefix("page-").bucketRegion("us-east-1")).buckets())
        .hasSize(3);
    assertThatThrownBy(() -> dev.listBuckets(b -> b.maxBuckets(0)))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument"));
  }
}
