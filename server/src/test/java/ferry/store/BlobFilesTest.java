package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFilesTest {
  @TempDir Path dataDir;

  @Test
  void committedBlob_isReadable() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String id = blobs.write(new ByteArrayInputStream("bytes".getBytes()));
    try (InputStream in = blobs.open(id)) {
      assertThat(in.readAllBytes()).isEqualTo("bytes".getBytes());
    }
    assertThat(blobs.size(id)).isEqualTo(5);
  }

  @Test
  void uploadClosedWithoutCommit_leavesNothing() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    try (BlobFiles.Upload upload = blobs.create()) {
      upload.stream().write(new byte[1024]);
    }
    assertThat(files(dataDir)).isZero();
  }

  @Test
  void tempFilesLeftByACrash_areRemovedAtStart() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    BlobFiles.Upload upload = blobs.create();
    upload.stream().write(new byte[10]);
    // no commit and no close: as if the process died here
    assertThat(files(dataDir.resolve("tmp"))).isEqualTo(1);
    try (Stream<Path> left = Files.list(dataDir.resolve("tmp"))) {
      for (Path file : left.toList()) {
        Files.setLastModifiedTime(
            file,
            java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(BlobFiles.ABANDONED_AFTER).minusSeconds(1)));
      }
    }
    new BlobFiles(dataDir);
    assertThat(files(dataDir.resolve("tmp"))).isZero();
  }

  @Test
  void tempFilesAbandonedWhileRunning_areRemovedByTheSweep_andOnesBeingWrittenStay()
      throws Exception {
    BlobFiles blobs = new BlobFiles(dataDir, java.time.Duration.ofMillis(300));
    BlobFiles.Upload abandoned = blobs.create();
    abandoned.stream().write(new byte[10]);
    abandoned.stream().flush();
    // no commit and no close: a request whose client or node went away
    try (BlobFiles.Upload writing = blobs.create()) {
      Thread.sleep(400);
      writing.stream().write(new byte[10]);
      writing.stream().flush();

      blobs.sweep();

      assertThat(files(dataDir.resolve("tmp"))).as("the upload being written stays").isEqualTo(1);
      String id = writing.commit();
      assertThat(blobs.size(id)).isEqualTo(10);
    }
    assertThat(files(dataDir.resolve("tmp"))).isZero();
  }

  @Test
  void theAbandonedAge_isSettableForTests_andABadOneIsNamed() {
    String property = BlobFiles.ABANDONED_AFTER_PROPERTY;
    try {
      System.setProperty(property, "PT2S");
      assertThat(new BlobFiles(dataDir).abandonedAfter())
          .isEqualTo(java.time.Duration.ofSeconds(2));
      System.setProperty(property, "2s");
      assertThatThrownBy(() -> new BlobFiles(dataDir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(property);
    } finally {
      System.clearProperty(property);
    }
    assertThat(new BlobFiles(dataDir).abandonedAfter()).isEqualTo(BlobFiles.ABANDONED_AFTER);
  }

  @Test
  void aTempFileAnotherNodeIsWriting_staysWhenANodeStarts() throws IOException {
    BlobFiles writing = new BlobFiles(dataDir);
    try (BlobFiles.Upload upload = writing.create()) {
      upload.stream().write(new byte[10]);

      new BlobFiles(dataDir); // another node sharing the data folder starts

      upload.stream().write(new byte[10]);
      String id = upload.commit();
      assertThat(writing.size(id)).isEqualTo(20);
    }
  }

  @Test
  void composedBlob_readsItsPieces_outlivesThem_andIsDeletedWhole() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String one = blobs.write(new ByteArrayInputStream("one".getBytes()));
    String two = blobs.write(new ByteArrayInputStream("two".getBytes()));
    String composed = blobs.compose(List.of(one, two));
    assertThat(blobs.isComposed(composed)).isTrue();
    assertThat(blobs.isComposed(one)).isFalse();

    blobs.delete(one);
    blobs.delete(two);
    try (BlobFiles.ComposedRead read = blobs.read(composed)) {
      assertThat(text(read.piece(0))).isEqualTo("one");
      assertThat(text(read.piece(1))).isEqualTo("two");
    }
    blobs.delete(composed);
    assertThat(blobs.exists(composed)).isFalse();
    assertThat(files(dataDir.resolve("blobs"))).isZero();
    blobs.sweep(afterTheGrace());
    assertThat(files(dataDir)).isZero();
  }

  /**
   * A read opens a composed blob's pieces as it reaches them, so its files must outlive a deletion
   * that comes meanwhile: the read finds them where the deletion moved them, and the sweep keeps
   * them until the read closes.
   */
  @Test
  void aComposedBlobDeletedWhileItIsRead_isReadToItsEnd_andSweptOnceTheReadCloses()
      throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String composed = composeOf(blobs, "one", "two", "three");

    BlobFiles.ComposedRead read = blobs.read(composed);
    assertThat(text(read.piece(0))).isEqualTo("one");
    blobs.delete(composed);
    assertThat(blobs.exists(composed)).isFalse();
    blobs.sweep(afterTheGrace());
    assertThat(text(read.piece(1))).isEqualTo("two");
    assertThat(text(read.piece(2))).isEqualTo("three");

    read.close();
    read.close();
    blobs.sweep(afterTheGrace());
    assertThat(files(dataDir)).isZero();
    try (Stream<Path> bins = Files.list(dataDir.resolve("deleted"))) {
      assertThat(bins).isEmpty();
    }
  }

  /**
   * Nodes sharing the data folder see each other's reads: a deletion by another node moves the
   * files the same way, the read finds them there, and that node's sweep keeps them past the grace
   * until the read closes.
   */
  @Test
  void aComposedBlobDeletedByAnotherNode_isReadToItsEnd_pastTheGrace() throws IOException {
    BlobFiles reader = new BlobFiles(dataDir);
    BlobFiles otherNode = new BlobFiles(dataDir);
    String composed = composeOf(reader, "one", "two");

    try (BlobFiles.ComposedRead read = reader.read(composed)) {
      assertThat(text(read.piece(0))).isEqualTo("one");
      otherNode.delete(composed);
      otherNode.sweep(afterTheGrace());
      assertThat(text(read.piece(1))).isEqualTo("two");
    }
    otherNode.sweep(afterTheGrace());
    assertThat(files(dataDir)).isZero();
  }

  /**
   * A read in another process (another node on the folder) keeps the blob it reads through sweeps
   * past the grace; once that process is killed, its claim is found abandoned and the blob goes.
   */
  @Test
  void aComposedBlobReadByAnotherProcess_isKept_untilThatProcessEnds() throws Exception {
    BlobFiles blobs = new BlobFiles(dataDir);
    String composed = composeOf(blobs, "one", "two");
    Process reader = ChildJvm.start(Reader.class, dataDir.toString(), composed);
    try {
      var said = new java.io.BufferedReader(new java.io.InputStreamReader(reader.getInputStream()));
      assertThat(said.readLine()).isEqualTo("one");
      blobs.delete(composed);
      blobs.sweep(afterTheGrace());
      assertThat(files(dataDir.resolve("deleted")))
          .as("kept while read: its two links")
          .isEqualTo(2);

      reader.destroyForcibly();
      assertThat(reader.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      blobs.sweep(afterTheGrace());
      assertThat(files(dataDir)).as("the blob, and the killed reader's claim").isZero();
    } finally {
      reader.destroyForcibly();
    }
  }

  /** Run in a JVM of its own: reads a composed blob's first piece, then waits to be killed. */
  static final class Reader {
    public static void main(String[] args) throws Exception {
      BlobFiles.ComposedRead read = new BlobFiles(Path.of(args[0])).read(args[1]);
      System.out.println(text(read.piece(0)));
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void aReadBegun_afterTheDeletion_findsNoBlob() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String composed = composeOf(blobs, "one", "two");
    BlobFiles.ComposedRead first = blobs.read(composed);
    blobs.delete(composed);
    blobs.delete(composed);

    assertThatThrownBy(() -> blobs.read(composed)).isInstanceOf(NoSuchFileException.class);
    assertThat(text(first.piece(1))).isEqualTo("two");
    first.close();
    assertThatThrownBy(() -> blobs.read(composed)).isInstanceOf(NoSuchFileException.class);
  }

  /** A deleted blob's files stay for the grace, then the sweep removes them; a restart too. */
  @Test
  void deletedBlobs_areSweptAfterTheGrace_alsoAtTheNextStart() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String single = blobs.write(new ByteArrayInputStream("single".getBytes()));
    String composed = composeOf(blobs, "one", "two");
    blobs.delete(single);
    blobs.delete(composed);

    blobs.sweep(Instant.now());
    // the single blob, the two pieces, and the composed blob's links to them
    assertThat(files(dataDir.resolve("deleted"))).as("within the grace").isEqualTo(5);
    blobs.sweep(afterTheGrace());
    assertThat(files(dataDir)).isZero();

    String left = blobs.write(new ByteArrayInputStream("left by a crash".getBytes()));
    blobs.delete(left);
    try (Stream<Path> bins = Files.list(dataDir.resolve("deleted"))) {
      for (Path bin : bins.toList()) {
        long longAgo = Instant.now().minus(BlobFiles.ABANDONED_AFTER).getEpochSecond() - 1;
        Files.move(bin, bin.resolveSibling(Long.toString(longAgo)));
      }
    }
    new BlobFiles(dataDir);
    assertThat(files(dataDir)).as("after a start").isZero();
  }

  /** Only the first deletion of a second makes its folder; one a sweep removed is made again. */
  @Test
  void aDeletion_findsOrMakesItsSecondsFolder() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String first = blobs.write(new ByteArrayInputStream("first".getBytes()));
    String second = blobs.write(new ByteArrayInputStream("second".getBytes()));
    String third = blobs.write(new ByteArrayInputStream("third".getBytes()));
    blobs.delete(first);
    blobs.delete(second);
    assertThat(files(dataDir.resolve("deleted"))).isEqualTo(2);

    blobs.sweep(afterTheGrace());
    assertThat(dataDir.resolve("deleted")).isEmptyDirectory();
    blobs.delete(third);
    blobs.delete(third);
    assertThat(files(dataDir.resolve("deleted"))).isEqualTo(1);
    assertThat(blobs.exists(third)).isFalse();
  }

  private static Instant afterTheGrace() {
    return Instant.now().plus(BlobFiles.ABANDONED_AFTER).plusSeconds(2);
  }

  /** An object may have 10,000 parts: a read of one holds one of them open at a time. */
  @Test
  void aReadOfManyPieces_holdsOneOpenAtATime() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String[] pieces = new String[300];
    java.util.Arrays.setAll(pieces, i -> "piece " + i);
    String composed = composeOf(blobs, pieces);
    long before = openDescriptors();

    try (BlobFiles.ComposedRead read = blobs.read(composed)) {
      for (int i = 0; i < pieces.length; i++) {
        assertThat(text(read.piece(i))).isEqualTo(pieces[i]);
      }
      assertThat(openDescriptors() - before).isLessThan(10);
    }
  }

  private static String composeOf(BlobFiles blobs, String... texts) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String text : texts) {
      ids.add(blobs.write(new ByteArrayInputStream(text.getBytes())));
    }
    String composed = blobs.compose(ids);
    ids.forEach(blobs::delete);
    return composed;
  }

  private static String text(FileChannel piece) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) piece.size());
    piece.read(bytes, 0);
    return new String(bytes.array());
  }

  /** This process's open file descriptors, as Linux lists them. */
  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void composingAMissingPiece_leavesNothing() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String one = blobs.write(new ByteArrayInputStream("one".getBytes()));
    assertThatThrownBy(() -> blobs.compose(List.of(one, "0000-missing")))
        .isInstanceOf(IOException.class);
    assertThat(files(dataDir)).isEqualTo(1);
    try (Stream<Path> temp = Files.list(dataDir.resolve("tmp"))) {
      assertThat(temp).isEmpty();
    }
  }

  @Test
  void newBlobs_goIntoOneFolderLevel_andBlobsOfTheFirstLayoutStayReadable() throws IOException {
    BlobFiles blobs = new BlobFiles(dataDir);
    String id = blobs.write(new ByteArrayInputStream("new".getBytes()));
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(dataDir.resolve("blobs").resolve(id.substring(0, 2)).resolve(id)).isRegularFile();

    String old = "0a1b2c3d-0000-4000-8000-000000000000";
    Path oldPath = dataDir.resolve("blobs/0a/1b").resolve(old);
    Files.createDirectories(oldPath.getParent());
    Files.writeString(oldPath, "old");
    try (InputStream in = blobs.open(old)) {
      assertThat(in.readAllBytes()).isEqualTo("old".getBytes());
    }
    blobs.delete(old);
    assertThat(blobs.exists(old)).isFalse();
    blobs.sweep(afterTheGrace());
    assertThat(files(dataDir.resolve("deleted"))).isZero();
  }

  @Test
  void concurrentCommits_intoTheSameFolder_allLand() throws Exception {
    BlobFiles blobs = new BlobFiles(dataDir);
    int writers = 16;
    try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
      List<Future<String>> ids = new ArrayList<>();
      for (int i = 0; i < writers * 4; i++) {
        byte[] bytes = ("blob " + i).getBytes();
        ids.add(threads.submit(() -> blobs.write(new ByteArrayInputStream(bytes))));
      }
      for (int i = 0; i < ids.size(); i++) {
        try (InputStream in = blobs.open(ids.get(i).get())) {
          assertThat(in.readAllBytes()).isEqualTo(("blob " + i).getBytes());
        }
      }
    }
    try (Stream<Path> temp = Files.list(dataDir.resolve("tmp"))) {
      assertThat(temp).isEmpty();
    }
  }

  @Test
  void blobIds_cannotEscapeTheFolder() {
    BlobFiles blobs = new BlobFiles(dataDir);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> blobs.open("../../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }
}
