package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.s3.store.BlobReferenceRepository;
import ferry.store.BlobFiles;
import ferry.store.Lifeline;
import ferry.store.Sql;
import ferry.store.UnreferencedBlobs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blobs S3's rows name, looked up in the real database (SQLite, or PostgreSQL when the test
 * store is), and a reclaim after a process ended uncleanly that removes only what no row names.
 */
class UnreferencedBlobsS3Test {
  @TempDir Path dataDir;
  private S3Fixture f;

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void theRowsName_everyVersionsBlob_andEachPartOfAnUploadInProgress_andNothingElse()
      throws IOException {
    f = new S3Fixture(dataDir);
    Set<String> expected = stored();
    String orphan = new BlobFiles(dataDir).write(new ByteArrayInputStream(new byte[3]));

    Set<String> onDisk = new HashSet<>(blobsOnDisk());
    assertThat(onDisk).hasSize(expected.size() + 1).containsAll(expected).contains(orphan);
    assertThat(new BlobReferenceRepository(f.db).all()).isEqualTo(expected);
  }

  @Test
  void afterAnUncleanEnd_onlyTheBlobNoRowNames_isReclaimed_andEveryObjectStillReads()
      throws Exception {
    f = new S3Fixture(dataDir);
    stored();
    String orphan = new BlobFiles(dataDir).write(new ByteArrayInputStream(new byte[3]));
    Path left = dataDir.resolve("lifelines").resolve("killed");
    Files.createDirectories(left.getParent());
    Files.createFile(left);
    Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

    BlobFiles blobs = new BlobFiles(dataDir, Duration.ofMillis(50));
    try (Lifeline lifeline = Lifeline.hold(dataDir)) {
      var unreferenced = new UnreferencedBlobs(blobs, new BlobReferenceRepository(f.db), lifeline);
      assertThat(unreferenced.sweep()).as("just found").isZero();
      Thread.sleep(100);
      assertThat(unreferenced.sweep()).isEqualTo(1);
    }

    assertThat(blobs.exists(orphan)).isFalse();
    for (int i = 0; i < 210; i++) {
      assertThat(f.read(f.dev, "refs", "k" + i)).isEqualTo("body " + i);
    }
    assertThat(f.read(f.dev, "refs", "whole")).isEqualTo("one part");
    f.s3
        .uploads()
        .complete(
            f.dev, "refs", "open", open.uploadId(), List.of(new CompletedPart(1, openPart.etag())));
    assertThat(f.read(f.dev, "refs", "open")).isEqualTo("still open");
  }

  private MultipartUpload open;
  private UploadedPart openPart;

  /**
   * 210 objects, one of them overwritten and one deleted, an object completed from one part, and an
   * upload in progress with one part: the blob ids its rows name.
   */
  private Set<String> stored() {
    f.bucket(f.dev, "refs");
    for (int i = 0; i < 210; i++) {
      f.put(f.dev, "refs", "k" + i, "body " + i);
    }
    f.put(f.dev, "refs", "k0", "body 0");
    f.put(f.dev, "refs", "gone", "deleted");
    f.s3.objects().deleteObject(f.dev, "refs", "gone", null);
    MultipartUpload whole = f.upload(f.dev, "refs", "whole");
    UploadedPart only = part(whole, "one part");
    f.s3
        .uploads()
        .complete(
            f.dev, "refs", "whole", whole.uploadId(), List.of(new CompletedPart(1, only.etag())));
    open = f.upload(f.dev, "refs", "open");
    openPart = part(open, "still open");
    return new HashSet<>(
        f.db.read(c ->
            Sql.list(
                c,
                "SELECT blob_id FROM s3_objects WHERE blob_id IS NOT NULL"
                    + " UNION SELECT blob_id FROM s3_parts",
                row -> row.getString(1))));
  }

  private UploadedPart part(MultipartUpload upload, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return f.uploadPart(f.dev, upload, 1, new ByteArrayInputStream(bytes), bytes.length);
  }

  /** The id of every blob in the folder: its files, and its composed blobs' folders. */
  private List<String> blobsOnDisk() throws IOException {
    try (Stream<Path> folders = Files.list(dataDir.resolve("blobs"))) {
      List<String> ids = new java.util.ArrayList<>();
      for (Path folder : folders.toList()) {
        try (Stream<Path> entries = Files.list(folder)) {
          entries.forEach(entry -> ids.add(entry.getFileName().toString()));
        }
      }
      return ids;
    }
  }
}
