package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.ObjectAttributes;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** GetObjectAttributes through the AWS SDK for Java v2. */
class S3ObjectAttributesWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static final String BUCKET = "attributes";
  static S3Client dev;
  static String singleEtag;

  @BeforeAll
  static void start() {
    dev = ferry.s3("dev");
    dev.createBucket(b -> b.bucket(BUCKET));
    singleEtag =
        dev.putObject(
                p -> p.bucket(BUCKET).key("single.txt").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("twelve bytes"))
            .eTag();
    String upload =
        dev.createMultipartUpload(
                c -> c.bucket(BUCKET).key("parts.bin").checksumAlgorithm(ChecksumAlgorithm.CRC32))
            .uploadId();
    byte[] big = new byte[5 * 1024 * 1024];
    new Random(1).nextBytes(big);
    List<CompletedPart> parts = new java.util.ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      byte[] body = n < 3 ? big : new byte[] {1, 2, 3};
      int number = n;
      var part =
          dev.uploadPart(
              u ->
                  u.bucket(BUCKET)
                      .key("parts.bin")
                      .uploadId(upload)
                      .partNumber(number)
                      .checksumAlgorithm(ChecksumAlgorithm.CRC32),
              RequestBody.fromBytes(body));
      parts.add(
          CompletedPart.builder()
              .partNumber(number)
              .eTag(part.eTag())
              .checksumCRC32(part.checksumCRC32())
              .build());
    }
    dev.completeMultipartUpload(c ->
        c.bucket(BUCKET).key("parts.bin").uploadId(upload).multipartUpload(m -> m.parts(parts)));
  }

  @Test
  void aSinglePutObject_answersEveryAttributeButParts() {
    GetObjectAttributesResponse attributes =
        dev.getObjectAttributes(g ->
            g.bucket(BUCKET)
                .key("single.txt")
                .objectAttributes(
                    ObjectAttributes.E_TAG,
                    ObjectAttributes.CHECKSUM,
                    ObjectAttributes.OBJECT_PARTS,
                    ObjectAttributes.STORAGE_CLASS,
                    ObjectAttributes.OBJECT_SIZE));
    assertThat(attributes.eTag()).isEqualTo(singleEtag.replace("\"", ""));
    assertThat(attributes.objectSize()).isEqualTo(12);
    assertThat(attributes.storageClassAsString()).isEqualTo("STANDARD");
    assertThat(attributes.checksum().checksumSHA256()).isNotNull();
    assertThat(attributes.checksum().checksumType()).isEqualTo(ChecksumType.FULL_OBJECT);
    assertThat(attributes.objectParts()).isNull();
    assertThat(attributes.lastModified()).isNotNull();
  }

  @Test
  void aMultipartObject_listsItsParts_aPageAtATime() {
    GetObjectAttributesResponse first =
        dev.getObjectAttributes(g ->
            g.bucket(BUCKET)
                .key("parts.bin")
                .maxParts(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS, ObjectAttributes.CHECKSUM));
    assertThat(first.checksum().checksumType()).isEqualTo(ChecksumType.COMPOSITE);
    assertThat(first.checksum().checksumCRC32()).endsWith("-3");
    assertThat(first.objectParts().totalPartsCount()).isEqualTo(3);
    assertThat(first.objectParts().isTruncated()).isTrue();
    assertThat(first.objectParts().nextPartNumberMarker()).isEqualTo(2);
    assertThat(first.objectParts().parts())
        .extracting(p -> p.partNumber() + ":" + p.size())
        .containsExactly("1:5242880", "2:5242880");
    assertThat(first.objectParts().parts().getFirst().checksumCRC32()).isNotNull();

    GetObjectAttributesResponse rest =
        dev.getObjectAttributes(g ->
            g.bucket(BUCKET)
                .key("parts.bin")
                .maxParts(2)
                .partNumberMarker(2)
                .objectAttributes(ObjectAttributes.OBJECT_PARTS));
    assertThat(rest.objectParts().isTruncated()).isFalse();
    assertThat(rest.objectParts().parts())
        .extracting(p -> p.partNumber() + ":" + p.size())
        .containsExactly("3:3");
  }

  @Test
  void anUnknownAttribute_isInvalidArgument() {
    assertThatThrownBy(() ->
            dev.getObjectAttributes(g ->
                g.bucket(BUCKET).key("single.txt").objectAttributesWithStrings("ETag", "Colour")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgument");
            });
  }

  @Test
  void aDeleteMarker_isNoSuchKey_withTheDeleteMarkerHeader() {
    dev.createBucket(b -> b.bucket("attributes-versioned"));
    dev.putBucketVersioning(v ->
        v.bucket("attributes-versioned")
            .versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
    dev.putObject(p -> p.bucket("attributes-versioned").key("gone"), RequestBody.fromString("x"));
    dev.deleteObject(d -> d.bucket("attributes-versioned").key("gone"));
    assertThatThrownBy(() ->
            dev.getObjectAttributes(g ->
                g.bucket("attributes-versioned")
                    .key("gone")
                    .objectAttributes(ObjectAttributes.E_TAG)))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(
                      e.awsErrorDetails()
                          .sdkHttpResponse()
                          .firstMatchingHeader("x-amz-delete-marker"))
                  .hasValue("true");
            });
  }

  @Test
  void aUserWithOnlyGetObject_isDenied_forWantOfGetObjectAttributes() {
    var iam = ferry.iam("dev");
    iam.createUser(u -> u.userName("reads-only"));
    iam.putUserPolicy(p ->
        p.userName("reads-only")
            .policyName("get")
            .policyDocument(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::attributes/*\"}]}"));
    var key = iam.createAccessKey(k -> k.userName("reads-only")).accessKey();
    try (S3Client user =
        S3Client.builder()
            .endpointOverride(ferry.endpoint())
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        key.accessKeyId(), key.secretAccessKey())))
            .build()) {
      assertThat(user.getObjectAsBytes(g -> g.bucket(BUCKET).key("single.txt")).asUtf8String())
          .isEqualTo("twelve bytes");
      assertThatThrownBy(() ->
              user.getObjectAttributes(
                  g -> g.bucket(BUCKET).key("single.txt").objectAttributes(ObjectAttributes.E_TAG)))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorMessage()).contains("s3:GetObjectAttributes");
              });
    }
  }
}
