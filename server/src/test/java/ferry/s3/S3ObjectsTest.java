package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.Caller;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects: versions and delete markers, copies, batch deletes, conditions, tags, integrity. */
class S3ObjectsTest {
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "objects");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void versionedBucket_keepsEveryVersion_andDeleteAddsAMarker() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    String v1 = f.put(f.dev, "objects", "k", "one").versionId();
    String v2 = f.put(f.dev, "objects", "k", "two").versionId();
    assertThat(v1).isNotEqualTo(v2).hasSize(32);
    DeleteObjectResult deleted = f.s3.objects().deleteObject(f.dev, "objects", "k", null);
    assertThat(deleted.deleteMarker()).isTrue();
    assertAwsError(() -> f.read(f.dev, "objects", "k"), "NoSuchKey");
    assertThat(f.read(f.dev, new GetObjectRequest("objects", "k", v1, null))).isEqualTo("one");

    ListVersionsResult versions =
        f.s3
            .listings()
            .listObjectVersions(
                f.dev, new ListVersionsRequest("objects", "", null, 1000, "", null));
    assertThat(versions.versions())
        .extracting(ObjectVersion::versionId, ObjectVersion::deleteMarker, ObjectVersion::latest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(deleted.versionId(), true, true),
            org.assertj.core.groups.Tuple.tuple(v2, false, false),
            org.assertj.core.groups.Tuple.tuple(v1, false, false));

    // Removing the marker brings the last version back.
    f.s3.objects().deleteObject(f.dev, "objects", "k", deleted.versionId());
    assertThat(f.read(f.dev, "objects", "k")).isEqualTo("two");
  }

  @Test
  void listObjectVersions_pagesWithKeyAndVersionMarkers() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    for (String key : List.of("a", "a", "b", "c", "c")) {
      f.put(f.dev, "objects", key, key);
    }
    ListVersionsResult first =
        f.s3
            .listings()
            .listObjectVersions(f.dev, new ListVersionsRequest("objects", "", null, 3, "", null));
    assertThat(first.versions()).extracting(ObjectVersion::key).containsExactly("a", "a", "b");
    assertThat(first.truncated()).isTrue();
    ListVersionsResult second =
        f.s3
            .listings()
            .listObjectVersions(
                f.dev,
                new ListVersionsRequest(
                    "objects", "", null, 3, first.nextKeyMarker(), first.nextVersionIdMarker()));
    assertThat(second.versions()).extracting(ObjectVersion::key).containsExactly("c", "c");
    assertThat(second.truncated()).isFalse();
  }

  @Test
  void listObjectVersions_fromAKeyMarkerThatDoesNotExist_listsTheKeysAfterIt() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    for (String key : List.of("a", "c", "e")) {
      f.put(f.dev, "objects", key, key);
    }
    ListVersionsResult never =
        f.s3
            .listings()
            .listObjectVersions(f.dev, new ListVersionsRequest("objects", "", null, 10, "b", null));
    assertThat(never.versions()).extracting(ObjectVersion::key).containsExactly("c", "e");
    String gone = f.put(f.dev, "objects", "d", "d").versionId();
    f.s3.objects().deleteObject(f.dev, "objects", "d", gone);
    ListVersionsResult afterGone =
        f.s3
            .listings()
            .listObjectVersions(f.dev, new ListVersionsRequest("objects", "", null, 10, "d", gone));
    assertThat(afterGone.versions()).extracting(ObjectVersion::key).containsExactly("e");
  }

  @Test
  void listObjectVersions_markers_areValidatedAsAwsDoes() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    String v1 = f.put(f.dev, "objects", "k", "one").versionId();
    assertAwsError(
            () ->
                f.s3
                    .listings()
                    .listObjectVersions(
                        f.dev, new ListVersionsRequest("objects", "", null, 10, "", v1)),
            "InvalidArgument")
        .isEqualTo("A version-id marker cannot be specified without a key marker.");
    assertAwsError(
            () ->
                f.s3
                    .listings()
                    .listObjectVersions(
                        f.dev,
                        new ListVersionsRequest("objects", "", null, 10, "k", "not-a-version")),
            "InvalidArgument")
        .isEqualTo("Invalid version id specified");
    assertThat(
            f.s3
                .listings()
                .listObjectVersions(
                    f.dev, new ListVersionsRequest("objects", "", null, 10, "", null))
                .versions())
        .extracting(ObjectVersion::versionId)
        .containsExactly(v1);
  }

  @Test
  void emptyingAVersionedBucketPageByPage_deletesEveryVersion() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    for (int i = 0; i < 7; i++) {
      f.put(f.dev, "objects", "k" + (i % 3), "v" + i);
    }
    f.s3.objects().deleteObject(f.dev, "objects", "k1", null);
    String keyMarker = "";
    String versionIdMarker = null;
    int pages = 0;
    while (true) {
      ListVersionsResult page =
          f.s3
              .listings()
              .listObjectVersions(
                  f.dev,
                  new ListVersionsRequest("objects", "", null, 2, keyMarker, versionIdMarker));
      pages++;
      for (ObjectVersion version : page.versions()) {
        f.s3.objects().deleteObject(f.dev, "objects", version.key(), version.versionId());
      }
      if (!page.truncated()) {
        break;
      }
      keyMarker = page.nextKeyMarker();
      versionIdMarker = page.nextVersionIdMarker();
    }
    assertThat(pages).isEqualTo(4);
    assertThat(
            f.s3
                .listings()
                .listObjectVersions(
                    f.dev, new ListVersionsRequest("objects", "", null, 1000, "", null))
                .versions())
        .isEmpty();
    f.s3.buckets().deleteBucket(f.dev, "objects");
  }

  @Test
  void suspendedVersioning_writesTheNullVersion() {
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.ENABLED);
    f.put(f.dev, "objects", "k", "versioned");
    f.s3.configuration().putBucketVersioning(f.dev, "objects", Versioning.SUSPENDED);
    assertThat(f.put(f.dev, "objects", "k", "a").versionId()).isEqualTo("null");
    assertThat(f.put(f.dev, "objects", "k", "b").versionId()).isEqualTo("null");
    assertThat(
            f.s3
                .listings()
                .listObjectVersions(
                    f.dev, new ListVersionsRequest("objects", "", null, 1000, "", null))
                .versions())
        .hasSize(2);
    assertThat(f.s3.configuration().getBucketVersioning(f.dev, "objects"))
        .isEqualTo(Versioning.SUSPENDED);
  }

  @Test
  void copyObject_replacesOrCopiesMetadata() {
    f.s3
        .objects()
        .putObject(
            f.dev,
            new PutObjectRequest(
                "objects",
                "src",
                new ByteArrayInputStream("body".getBytes(StandardCharsets.UTF_8)),
                4,
                Map.of("Content-Type", "text/plain", "x-amz-meta-colour", "blue"),
                BodyIntegrity.NONE,
                AccessControlList.NONE,
                Map.of("team", "a"),
                null,
                null,
                null));
    f.s3.objects().copyObject(f.dev, copy("src", "copied", false, Map.of()));
    ObjectVersion copied = head("copied");
    assertThat(copied.headers()).containsEntry("x-amz-meta-colour", "blue");
    assertThat(copied.tags()).containsEntry("team", "a");
    assertThat(copied.etag()).isEqualTo(head("src").etag());

    f.s3.objects().copyObject(f.dev, copy("src", "replaced", true, Map.of("Content-Type", "a/b")));
    assertThat(head("replaced").headers()).containsOnly(Map.entry("Content-Type", "a/b"));
    assertThat(f.read(f.dev, "objects", "replaced")).isEqualTo("body");
  }

  @Test
  void copyObject_ontoItselfWithoutChanges_isInvalidRequest() {
    f.put(f.dev, "objects", "self", "x");
    assertAwsError(
            () -> f.s3.objects().copyObject(f.dev, copy("self", "self", false, Map.of())),
            "InvalidRequest")
        .contains("copy an object to itself");
    f.s3.objects().copyObject(f.dev, copy("self", "self", true, Map.of("x-amz-meta-a", "b")));
  }

  @Test
  void crossAccountCopy_needsReadOnTheSourceAndWriteOnTheDestination() {
    f.bucket(f.prod, "prod-dest");
    f.put(f.dev, "objects", "artifact", "zip");
    CopyObjectRequest request =
        new CopyObjectRequest(
            "objects",
            "artifact",
            null,
            Preconditions.NONE,
            "prod-dest",
            "artifact",
            false,
            Map.of(),
            false,
            Map.of(),
            AccessControlList.NONE,
            null,
            null,
            null,
            null);
    assertAwsError(() -> f.s3.objects().copyObject(f.prod, request), "AccessDenied");
    f.s3
        .configuration()
        .putBucketPolicy(
            f.dev,
            "objects",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
              "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
              "Action":"s3:GetObject","Resource":"arn:aws:s3:::objects/*"}]}\
            """);
    f.s3.objects().copyObject(f.prod, request);
    assertThat(f.read(f.prod, "prod-dest", "artifact")).isEqualTo("zip");
    assertThat(f.s3.subresources().getObjectAcl(f.prod, "prod-dest", "artifact", null).owner())
        .isEqualTo(S3Fixture.PROD);
  }

  @Test
  void deleteObjects_reportsEachKey_andDeniedKeysFailAlone() {
    f.put(f.dev, "objects", "a", "1");
    f.put(f.dev, "objects", "b", "2");
    Caller limited =
        f.user(
            S3Fixture.DEV,
            "limited",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject",
              "Resource":"arn:aws:s3:::objects/a"}]}\
            """);
    DeleteObjectsResult result =
        f.s3
            .objects()
            .deleteObjects(
                limited,
                "objects",
                List.of(
                    new DeleteObjectsResult.Target("a", null),
                    new DeleteObjectsResult.Target("b", null)));
    assertThat(result.deleted()).extracting(DeleteObjectsResult.Deleted::key).containsExactly("a");
    assertThat(result.errors())
        .extracting(DeleteObjectsResult.Failed::key, DeleteObjectsResult.Failed::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "AccessDenied"));
    assertThat(result.errors().getFirst().message())
        .startsWith(
            "User: arn:aws:iam::111111111111:user/limited is not authorized to perform:"
                + " s3:DeleteObject on resource: \"arn:aws:s3:::objects/b\" because no"
                + " identity-based policy allows the s3:DeleteObject action");
    assertThat(f.read(f.dev, "objects", "b")).isEqualTo("2");
  }

  @Test
  void conditionalDelete_withAnETag_needsGetObjectToo_andAStarNeedsOnlyDeleteObject() {
    String etag = f.put(f.dev, "objects", "k", "v").etag();
    Caller deleter =
        f.user(
            S3Fixture.DEV,
            "deleter",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:DeleteObject",
              "Resource":"arn:aws:s3:::objects/*"}]}\
            """);
    assertAwsError(
            () -> f.s3.objects().deleteObject(deleter, "objects", "k", null, etag), "AccessDenied")
        .contains("s3:GetObject");
    assertThat(f.read(f.dev, "objects", "k")).isEqualTo("v");
    assertAwsError(
            () -> f.s3.objects().deleteObject(f.dev, "objects", "k", null, "\"0123\""),
            "PreconditionFailed")
        .contains("pre-conditions");
    assertAwsError(
        () -> f.s3.objects().deleteObject(deleter, "objects", "gone", null, "*"), "NoSuchKey");
    f.s3.objects().deleteObject(deleter, "objects", "k", null, "*");
    assertAwsError(() -> f.read(f.dev, "objects", "k"), "NoSuchKey");
  }

  @Test
  void conditionalGet_answers304And412() {
    String etag = f.put(f.dev, "objects", "k", "v").etag();
    Instant later = Instant.now().plusSeconds(60);
    assertThat(get("k", new Preconditions(null, etag, null, null)).notModified()).isTrue();
    assertThat(get("k", new Preconditions(etag, null, null, null)).notModified()).isFalse();
    assertThat(get("k", new Preconditions(null, null, later, null)).notModified()).isTrue();
    assertAwsError(
        () -> get("k", new Preconditions("\"other\"", null, null, null)), "PreconditionFailed");
    assertAwsError(
        () -> get("k", new Preconditions(null, null, null, Instant.now().minusSeconds(3600))),
        "PreconditionFailed");
  }

  @Test
  void putIfNoneMatchStar_refusesToOverwrite() {
    f.put(f.dev, "objects", "once", "first");
    PutObjectRequest again =
        new PutObjectRequest(
            "objects",
            "once",
            new ByteArrayInputStream(new byte[1]),
            1,
            Map.of(),
            BodyIntegrity.NONE,
            AccessControlList.NONE,
            Map.of(),
            null,
            null,
            "*");
    assertAwsError(() -> f.s3.objects().putObject(f.dev, again), "PreconditionFailed");
    assertThat(f.read(f.dev, "objects", "once")).isEqualTo("first");
  }

  @Test
  void tagging_isReplacedAndLimited() {
    f.put(f.dev, "objects", "t", "v");
    f.s3.subresources().putObjectTagging(f.dev, "objects", "t", null, Map.of("env", "prod"));
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "objects", "t", null))
        .containsOnly(Map.entry("env", "prod"));
    assertAwsError(
            () ->
                f.s3
                    .subresources()
                    .putObjectTagging(f.dev, "objects", "t", null, Map.of("aws:x", "y")),
            "InvalidTag")
        .contains("aws:");
    f.s3.subresources().deleteObjectTagging(f.dev, "objects", "t", null);
    assertThat(f.s3.subresources().getObjectTagging(f.dev, "objects", "t", null)).isEmpty();
  }

  @Test
  void headerChecksumMismatch_isBadDigest_andNothingIsStored() {
    assertAwsError(
            () ->
                putWith(
                    "k",
                    "hello\n",
                    new BodyIntegrity(null, ChecksumAlgorithm.CRC32, "AAAAAA==", null, Map::of)),
            "BadDigest")
        .isEqualTo("The CRC32 you specified did not match the calculated checksum.");
    assertThat(f.blobFiles()).isZero();
    PutObjectResult ok =
        putWith(
            "k",
            "hello\n",
            new BodyIntegrity(null, ChecksumAlgorithm.CRC32, "NjowIA==", null, Map::of));
    assertThat(ok.version().checksum())
        .isEqualTo(new Checksum(ChecksumAlgorithm.CRC32, "NjowIA=="));
  }

  @Test
  void trailerChecksumMismatch_isBadDigest_andNothingIsStored() {
    BodyIntegrity wrongTrailer =
        new BodyIntegrity(
            null,
            ChecksumAlgorithm.CRC64NVME,
            null,
            "x-amz-checksum-crc64nvme",
            () -> Map.of("x-amz-checksum-crc64nvme", "AAAAAAAAAAA="));
    assertAwsError(() -> putWith("k", "hello\n", wrongTrailer), "BadDigest");
    assertThat(f.blobFiles()).isZero();
    BodyIntegrity rightTrailer =
        new BodyIntegrity(
            null,
            ChecksumAlgorithm.CRC64NVME,
            null,
            "x-amz-checksum-crc64nvme",
            () -> Map.of("x-amz-checksum-crc64nvme", "akP7S61aVgc="));
    assertThat(putWith("k", "hello\n", rightTrailer).version().checksum().value())
        .isEqualTo("akP7S61aVgc=");
  }

  @Test
  void bodiesOfSeveralBuffers_putAtOnce_eachGetTheirOwnMd5AndChecksum() throws Exception {
    // 1 MiB and 7 bytes: five of the writer's 256 KiB buffers, each digested, then sealed in place.
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(letters(1024 * 1024 + 7, i));
    }
    List<Future<PutObjectResult>> puts = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(bodies.size())) {
      for (int i = 0; i < bodies.size(); i++) {
        String body = bodies.get(i);
        BodyIntegrity integrity =
            new BodyIntegrity(
                base64(digest("MD5", body)),
                ChecksumAlgorithm.SHA256,
                base64(digest("SHA-256", body)),
                null,
                Map::of);
        String key = "big-" + i;
        puts.add(threads.submit(() -> putWith(key, body, integrity)));
      }
    }

    for (int i = 0; i < bodies.size(); i++) {
      PutObjectResult put = puts.get(i).get();
      assertThat(put.etag())
          .isEqualTo("\"" + HexFormat.of().formatHex(digest("MD5", bodies.get(i))) + "\"");
      assertThat(put.version().checksum())
          .isEqualTo(
              new Checksum(ChecksumAlgorithm.SHA256, base64(digest("SHA-256", bodies.get(i)))));
      assertThat(f.read(f.dev, "objects", "big-" + i)).isEqualTo(bodies.get(i));
    }
    long blobs = f.blobFiles();
    assertAwsError(
            () ->
                putWith(
                    "big-0",
                    bodies.get(0),
                    BodyIntegrity.md5(base64(digest("MD5", bodies.get(1))))),
            "BadDigest")
        .isEqualTo("The Content-MD5 you specified did not match what we received.");
    assertThat(f.blobFiles()).isEqualTo(blobs);
    assertThat(f.read(f.dev, "objects", "big-0")).isEqualTo(bodies.get(0));
  }

  private static String letters(int length, long seed) {
    Random random = new Random(seed);
    var text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private static byte[] digest(String algorithm, String body) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance(algorithm).digest(body.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void keyLongerThan1024Bytes_isKeyTooLongError() {
    assertAwsError(() -> f.put(f.dev, "objects", "k".repeat(1025), "v"), "KeyTooLongError");
  }

  @Test
  void missingKey_isAccessDenied_forACallerWithoutListBucket() {
    Caller reader =
        f.user(
            S3Fixture.DEV,
            "reader",
            """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
              "Resource":"arn:aws:s3:::objects/*"}]}\
            """);
    assertAwsError(() -> f.read(reader, "objects", "missing"), "AccessDenied");
    assertAwsError(() -> f.read(f.dev, "objects", "missing"), "NoSuchKey");
  }

  private PutObjectResult putWith(String key, String body, BodyIntegrity integrity) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return f.s3
        .objects()
        .putObject(
            f.dev,
            new PutObjectRequest(
                "objects",
                key,
                new ByteArrayInputStream(bytes),
                bytes.length,
                Map.of(),
                integrity,
                AccessControlList.NONE,
                Map.of(),
                null,
                null,
                null));
  }

  private GetObjectResult get(String key, Preconditions conditions) {
    return f.s3
        .objects()
        .getObject(f.dev, new GetObjectRequest("objects", key, null, null, conditions));
  }

  /**
   * A read locates a version, then opens its file, which an overwrite committed in between has
   * deleted. Each GET and CopyObject still answers one whole version: the one it located, or, when
   * that one is gone, the one it locates again. (About one read in a hundred met the deleted file
   * here, and failed with an internal error.)
   */
  @Test
  void readsOfAKeyBeingOverwritten_eachAnswerOneWholeVersion() throws Exception {
    f.put(f.dev, "objects", "hot", "value-0");
    var written = new AtomicBoolean();
    List<String> wrong = new CopyOnWriteArrayList<>();
    int[] reads = new int[1];
    Thread reader =
        Thread.ofPlatform()
            .start(() -> {
              while (!written.get()) {
                try {
                  String got = f.read(f.dev, "objects", "hot");
                  if (reads[0]++ % 10 == 0) {
                    f.s3.objects().copyObject(f.dev, copy("hot", "copy", false, Map.of()));
                    got = f.read(f.dev, "objects", "copy");
                  }
                  if (!got.matches("value-[0-9]+")) {
                    wrong.add(got);
                  }
                } catch (RuntimeException e) {
                  wrong.add(e.toString());
                }
              }
            });
    try {
      for (int i = 1; i <= 300; i++) {
        f.put(f.dev, "objects", "hot", "value-" + i);
      }
    } finally {
      written.set(true);
      reader.join();
    }

    assertThat(wrong).isEmpty();
    assertThat(reads[0]).isPositive();
  }

  private ObjectVersion head(String key) {
    return f.s3
        .objects()
        .headObject(f.dev, new GetObjectRequest("objects", key, null, null))
        .version();
  }

  private static CopyObjectRequest copy(
      String from, String to, boolean replace, Map<String, String> headers) {
    return new CopyObjectRequest(
        "objects",
        from,
        null,
        Preconditions.NONE,
        "objects",
        to,
        replace,
        headers,
        false,
        Map.of(),
        AccessControlList.NONE,
        null,
        null,
        null,
        null);
  }
}
