package ferry.s3;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads: parts, the multipart ETag, ranges across parts, the errors of Complete. */
class S3MultipartTest {
  static final int MIB = 1024 * 1024;
  @TempDir Path dataDir;
  S3Fixture f;

  @BeforeEach
  void start() {
    f = new S3Fixture(dataDir);
    f.bucket(f.dev, "mpu");
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void complete_composesTheParts_withTheMultipartEtag_andRangesAcrossParts() throws Exception {
    byte[] one = random(5 * MIB, 1);
    byte[] two = random(MIB + 7, 2);
    MultipartUpload upload = create("big.bin", ChecksumAlgorithm.CRC32);
    UploadedPart p1 = part(upload, 1, one);
    UploadedPart p2 = part(upload, 2, two);
    assertThat(
            f.s3.uploads().listParts(f.dev, "mpu", "big.bin", upload.uploadId(), 0, 1000).parts())
        .extracting(UploadedPart::partNumber)
        .containsExactly(1, 2);

    PutObjectResult done =
        f.s3
            .uploads()
            .complete(
                f.dev,
                "mpu",
                "big.bin",
                upload.uploadId(),
                List.of(
                    new CompletedPart(
                        1, p1.etag(), new Checksum(ChecksumAlgorithm.CRC32, p1.checksum())),
                    new CompletedPart(
                        2, p2.etag(), new Checksum(ChecksumAlgorithm.CRC32, p2.checksum()))));

    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(MessageDigest.getInstance("MD5").digest(one));
    md5.update(MessageDigest.getInstance("MD5").digest(two));
    assertThat(done.etag()).isEqualTo("\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"");
    assertThat(done.version().checksum().type()).isEqualTo("COMPOSITE");
    byte[] all = ByteBuffer.allocate(one.length + two.length).put(one).put(two).array();
    assertThat(readRange("big.bin", 0, all.length - 1)).isEqualTo(all);
    int from = 5 * MIB - 10;
    assertThat(readRange("big.bin", from, from + 30))
        .isEqualTo(Arrays.copyOfRange(all, from, from + 31));
    // The parts' own blobs are gone; the object's blob is made of their two files.
    assertThat(f.blobFiles()).isEqualTo(2);
    Path root = dataDir.resolve("blobs");
    try (var ids = java.nio.file.Files.walk(root, 2)) {
      assertThat(ids.filter(p -> root.relativize(p).getNameCount() == 2).count()).isEqualTo(1);
    }
    assertAwsError(
        () -> f.s3.uploads().listParts(f.dev, "mpu", "big.bin", upload.uploadId(), 0, 1000),
        "NoSuchUpload");
  }

  @Test
  void compositeChecksum_isTheChecksumOfThePartChecksums_andEachPartKeepsItsOwn() {
    byte[] one = random(5 * MIB, 11);
    byte[] two = random(1000, 12);
    MultipartUpload upload = create("sums.bin", ChecksumAlgorithm.SHA256);
    UploadedPart p1 = part(upload, 1, one);
    UploadedPart p2 = part(upload, 2, two);
    assertThat(p1.checksum()).isEqualTo(checksum(ChecksumAlgorithm.SHA256, one));

    PutObjectResult done =
        f.s3
            .uploads()
            .complete(
                f.dev,
                "mpu",
                "sums.bin",
                upload.uploadId(),
                List.of(
                    new CompletedPart(1, p1.etag(), sha256(p1.checksum())),
                    new CompletedPart(2, p2.etag(), sha256(p2.checksum()))));

    ChecksumAlgorithm.Running composite = ChecksumAlgorithm.SHA256.start();
    for (byte[] part : List.of(one, two)) {
      byte[] value = java.util.Base64.getDecoder().decode(checksum(ChecksumAlgorithm.SHA256, part));
      composite.update(value, 0, value.length);
    }
    assertThat(done.version().checksum())
        .isEqualTo(new Checksum(ChecksumAlgorithm.SHA256, composite.base64() + "-2"));
    assertThat(head("sums.bin").segments())
        .extracting(Segment::checksum)
        .containsExactly(p1.checksum(), p2.checksum());
  }

  @Test
  void complete_ofAnUploadWithAnAlgorithm_needsEachPartsChecksum_andTheRightOne() {
    MultipartUpload upload = create("strict.bin", ChecksumAlgorithm.CRC32);
    UploadedPart p1 = part(upload, 1, random(100, 13));
    assertAwsError(
            () ->
                f.s3
                    .uploads()
                    .complete(
                        f.dev,
                        "mpu",
                        "strict.bin",
                        upload.uploadId(),
                        List.of(new CompletedPart(1, p1.etag()))),
            "InvalidRequest")
        .isEqualTo(
            "The upload was created using a crc32 checksum. The complete request must include the"
                + " checksum for each part. It was missing for part 1 in the request.");
    assertAwsError(
        () ->
            f.s3
                .uploads()
                .complete(
                    f.dev,
                    "mpu",
                    "strict.bin",
                    upload.uploadId(),
                    List.of(
                        new CompletedPart(
                            1, p1.etag(), new Checksum(ChecksumAlgorithm.CRC32, "AAAAAA==")))),
        "InvalidPart");
    f.s3
        .uploads()
        .complete(
            f.dev,
            "mpu",
            "strict.bin",
            upload.uploadId(),
            List.of(
                new CompletedPart(
                    1, p1.etag(), new Checksum(ChecksumAlgorithm.CRC32, p1.checksum()))));
    assertThat(head("strict.bin").checksum().value()).endsWith("-1");
  }

  @Test
  void uploadPart_withAnotherAlgorithmThanTheUploads_isRefused_andStoresNothing() {
    MultipartUpload upload = create("mismatch.bin", ChecksumAlgorithm.CRC32);
    byte[] bytes = random(100, 14);
    assertAwsError(
            () ->
                f.s3
                    .uploads()
                    .uploadPart(
                        f.dev,
                        new UploadPartRequest(
                            "mpu",
                            "mismatch.bin",
                            upload.uploadId(),
                            1,
                            new ByteArrayInputStream(bytes),
                            bytes.length,
                            new BodyIntegrity(
                                null, ChecksumAlgorithm.SHA256, null, null, Map::of))),
            "InvalidRequest")
        .isEqualTo(
            "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type:"
                + " sha256");
    assertThat(
            f.s3
                .uploads()
                .listParts(f.dev, "mpu", "mismatch.bin", upload.uploadId(), 0, 1000)
                .parts())
        .isEmpty();
    assertThat(part(upload, 1, bytes).checksum())
        .isEqualTo(checksum(ChecksumAlgorithm.CRC32, bytes));
  }

  @Test
  void uploadPartCopy_answersTheChecksumOfTheCopiedRange_inTheUploadsAlgorithm() {
    byte[] source = random(1000, 15);
    f.s3
        .objects()
        .putObject(
            f.dev,
            PutObjectRequest.of(
                "mpu", "src", new ByteArrayInputStream(source), source.length, Map.of(), null));
    MultipartUpload upload = create("copied", ChecksumAlgorithm.CRC32C);
    CopyPartResult copied =
        f.s3
            .uploads()
            .uploadPartCopy(
                f.dev,
                new UploadPartCopyRequest(
                    "mpu",
                    "copied",
                    upload.uploadId(),
                    1,
                    "mpu",
                    "src",
                    null,
                    new ByteRange(100, 199, false),
                    Preconditions.NONE));
    assertThat(copied.checksum())
        .isEqualTo(
            new Checksum(
                ChecksumAlgorithm.CRC32C,
                checksum(ChecksumAlgorithm.CRC32C, Arrays.copyOfRange(source, 100, 200))));
  }

  private static Checksum sha256(String value) {
    return new Checksum(ChecksumAlgorithm.SHA256, value);
  }

  private static String checksum(ChecksumAlgorithm algorithm, byte[] bytes) {
    ChecksumAlgorithm.Running running = algorithm.start();
    running.update(bytes, 0, bytes.length);
    return running.base64();
  }

  @Test
  void complete_withASmallPartBeforeTheLast_isEntityTooSmall_andTheUploadStays() {
    MultipartUpload upload = create("small.bin", null);
    UploadedPart p1 = part(upload, 1, random(10, 3));
    UploadedPart p2 = part(upload, 2, random(10, 4));
    assertAwsError(
        () ->
            f.s3
                .uploads()
                .complete(
                    f.dev,
                    "mpu",
                    "small.bin",
                    upload.uploadId(),
                    List.of(new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag()))),
        "EntityTooSmall");
    assertAwsError(
        () ->
            f.s3
                .uploads()
                .complete(
                    f.dev,
                    "mpu",
                    "small.bin",
                    upload.uploadId(),
                    List.of(new CompletedPart(2, p2.etag()), new CompletedPart(1, p1.etag()))),
        "InvalidPartOrder");
    assertAwsError(
        () ->
            f.s3
                .uploads()
                .complete(
                    f.dev,
                    "mpu",
                    "small.bin",
                    upload.uploadId(),
                    List.of(new CompletedPart(1, "\"00000000000000000000000000000000\""))),
        "InvalidPart");
    // A single small part is fine: the last part may be any size.
    f.s3
        .uploads()
        .complete(
            f.dev, "mpu", "small.bin", upload.uploadId(), List.of(new CompletedPart(1, p1.etag())));
    assertThat(head("small.bin").size()).isEqualTo(10);
  }

  /**
   * A part's file removed after Complete read the parts (the part uploaded again, here removed by
   * hand) is InvalidPart, not an internal error; the upload stays and completes with the part sent
   * again.
   */
  @Test
  void complete_whenAPartsFileIsGone_isInvalidPart_andTheUploadStays() throws IOException {
    MultipartUpload upload = create("lost.bin", null);
    UploadedPart lost = part(upload, 1, random(100, 7));
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }

    assertAwsError(() -> complete(upload, new CompletedPart(1, lost.etag())), "InvalidPart")
        .startsWith("One or more of the specified parts could not be found.");

    UploadedPart again = part(upload, 1, random(100, 7));
    complete(upload, new CompletedPart(1, again.etag()));
    assertThat(readRange("lost.bin", 0, 99)).isEqualTo(random(100, 7));
  }

  /**
   * A multipart object's parts are files of their own. A GET opens those its range needs when it
   * starts, so an overwrite that deletes them midway does not cut the download short.
   */
  @Test
  void aMultipartObjectBeingRead_isReadWhole_whenItIsOverwrittenMidway() throws IOException {
    readWhileOverwritten(f);
  }

  /** Nodes sharing the data folder do not know each other's reads. */
  @Test
  void aMultipartObjectBeingRead_isReadWhole_whenAnotherNodeOverwritesItMidway()
      throws IOException {
    try (S3Fixture otherNode = new S3Fixture(dataDir)) {
      readWhileOverwritten(otherNode);
    }
  }

  /** Reads an object of two parts while {@code writer} overwrites it after its first 10 bytes. */
  private void readWhileOverwritten(S3Fixture writer) throws IOException {
    byte[] one = random(5 * MIB, 8);
    byte[] two = random(1000, 9);
    completeTwoParts("read.bin", one, two);

    GetObjectResult got =
        f.s3.objects().getObject(f.dev, new GetObjectRequest("mpu", "read.bin", null, null));
    byte[] read;
    try (InputStream in = got.body()) {
      byte[] start = in.readNBytes(10);
      writer.put(writer.dev, "mpu", "read.bin", "replaced");
      byte[] rest = in.readAllBytes();
      read = ByteBuffer.allocate(start.length + rest.length).put(start).put(rest).array();
    }

    assertThat(read)
        .isEqualTo(ByteBuffer.allocate(one.length + two.length).put(one).put(two).array());
    assertThat(f.read(f.dev, "mpu", "read.bin")).isEqualTo("replaced");
  }

  @Test
  void abort_removesThePartsAndTheUpload() {
    MultipartUpload upload = create("aborted", null);
    part(upload, 1, random(100, 5));
    assertThat(f.s3.uploads().list(f.dev, "mpu", "", null, "", "", 1000).uploads())
        .extracting(MultipartUpload::uploadId)
        .containsExactly(upload.uploadId());
    f.s3.uploads().abort(f.dev, "mpu", "aborted", upload.uploadId());
    assertThat(f.blobFiles()).isZero();
    assertAwsError(
        () -> f.s3.uploads().abort(f.dev, "mpu", "aborted", upload.uploadId()), "NoSuchUpload");
    assertThat(f.s3.uploads().list(f.dev, "mpu", "", null, "", "", 1000).uploads()).isEmpty();
  }

  @Test
  void uploadPartCopy_copiesARangeOfAnotherObject() throws IOException {
    byte[] source = random(6 * MIB, 6);
    f.s3
        .objects()
        .putObject(
            f.dev,
            PutObjectRequest.of(
                "mpu", "source", new ByteArrayInputStream(source), source.length, Map.of(), null));
    MultipartUpload upload = create("copy", null);
    CopyPartResult p1 =
        f.s3
            .uploads()
            .uploadPartCopy(
                f.dev,
                new UploadPartCopyRequest(
                    "mpu",
                    "copy",
                    upload.uploadId(),
                    1,
                    "mpu",
                    "source",
                    null,
                    new ByteRange(0, 5 * MIB - 1, false),
                    Preconditions.NONE));
    CopyPartResult p2 =
        f.s3
            .uploads()
            .uploadPartCopy(
                f.dev,
                new UploadPartCopyRequest(
                    "mpu",
                    "copy",
                    upload.uploadId(),
                    2,
                    "mpu",
                    "source",
                    null,
                    new ByteRange(5 * MIB, 6 * MIB - 1, false),
                    Preconditions.NONE));
    f.s3
        .uploads()
        .complete(
            f.dev,
            "mpu",
            "copy",
            upload.uploadId(),
            List.of(
                new CompletedPart(1, p1.part().etag()), new CompletedPart(2, p2.part().etag())));
    assertThat(readRange("copy", 0, source.length - 1)).isEqualTo(source);
  }

  @Test
  void getObjectByPartNumber_servesThatPart_andTheWholeOfASinglePutAsPartOne() throws Exception {
    byte[] one = random(5 * MIB, 3);
    byte[] two = random(123, 4);
    completeTwoParts("parts.bin", one, two);

    GetObjectResult second = getPart("parts.bin", 2);
    assertThat(second.partial()).isTrue();
    assertThat(second.start()).isEqualTo(one.length);
    assertThat(second.version().partsCount()).isEqualTo(2);
    try (InputStream in = second.body()) {
      assertThat(in.readAllBytes()).isEqualTo(two);
    }
    assertThat(getPart("parts.bin", 1).length()).isEqualTo(one.length);
    assertAwsError(() -> getPart("parts.bin", 3), "InvalidPartNumber")
        .contains("partnumber is not satisfiable");
    assertAwsError(() -> getPart("parts.bin", 0), "InvalidArgument");
    assertAwsError(
            () ->
                f.s3
                    .objects()
                    .getObject(
                        f.dev,
                        new GetObjectRequest(
                            "mpu",
                            "parts.bin",
                            null,
                            new ByteRange(0, 1, false),
                            Preconditions.NONE,
                            1)),
            "InvalidRequest")
        .contains("both Range header and partNumber");

    f.put(f.dev, "mpu", "single", "just one part");
    try (InputStream in = getPart("single", 1).body()) {
      assertThat(in.readAllBytes()).isEqualTo("just one part".getBytes());
    }
    assertAwsError(() -> getPart("single", 2), "InvalidPartNumber");
    assertThat(
            f.s3
                .objects()
                .headObject(
                    f.dev,
                    new GetObjectRequest("mpu", "parts.bin", null, null, Preconditions.NONE, 2))
                .length())
        .isEqualTo(two.length);
  }

  private GetObjectResult getPart(String key, int partNumber) {
    return f.s3
        .objects()
        .getObject(
            f.dev, new GetObjectRequest("mpu", key, null, null, Preconditions.NONE, partNumber));
  }

  @Test
  void partNumberOutOfRange_isInvalidArgument() {
    MultipartUpload upload = create("k", null);
    assertAwsError(() -> part(upload, 10_001, new byte[1]), "InvalidArgument")
        .contains("between 1 and 10000");
  }

  /** An object of two parts, uploaded and completed without checksums. */
  private void completeTwoParts(String key, byte[] one, byte[] two) {
    MultipartUpload upload = create(key, null);
    UploadedPart p1 = part(upload, 1, one);
    UploadedPart p2 = part(upload, 2, two);
    complete(upload, new CompletedPart(1, p1.etag()), new CompletedPart(2, p2.etag()));
  }

  private PutObjectResult complete(MultipartUpload upload, CompletedPart... parts) {
    return f.s3.uploads().complete(f.dev, "mpu", upload.key(), upload.uploadId(), List.of(parts));
  }

  private MultipartUpload create(String key, ChecksumAlgorithm algorithm) {
    return f.s3
        .uploads()
        .create(
            f.dev,
            new CreateMultipartUploadRequest(
                "mpu", key, Map.of(), AccessControlList.NONE, Map.of(), null, algorithm));
  }

  private UploadedPart part(MultipartUpload upload, int number, byte[] bytes) {
    return f.s3
        .uploads()
        .uploadPart(
            f.dev,
            new UploadPartRequest(
                "mpu",
                upload.key(),
                upload.uploadId(),
                number,
                new ByteArrayInputStream(bytes),
                bytes.length,
                BodyIntegrity.NONE));
  }

  private byte[] readRange(String key, long first, long last) throws IOException {
    GetObjectResult got =
        f.s3
            .objects()
            .getObject(
                f.dev, new GetObjectRequest("mpu", key, null, new ByteRange(first, last, false)));
    try (InputStream in = got.body()) {
      return in.readAllBytes();
    }
  }

  private ObjectVersion head(String key) {
    return f.s3.objects().headObject(f.dev, new GetObjectRequest("mpu", key, null, null)).version();
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
