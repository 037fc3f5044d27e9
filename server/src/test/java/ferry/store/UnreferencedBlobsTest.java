package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnreferencedBlobsTest {
  private static final Duration GRACE = BlobFiles.ABANDONED_AFTER;

  @TempDir Path dataDir;
  private BlobFiles blobs;
  private Lifeline lifeline;
  private final Set<String> named = new HashSet<>();
  private int lookups;
  private UnreferencedBlobs unreferenced;

  @BeforeEach
  void start() throws IOException {
    blobs = new BlobFiles(dataDir, GRACE);
    lifeline = Lifeline.hold(dataDir);
    unreferenced =
        new UnreferencedBlobs(
            blobs,
            () -> {
              lookups++;
              return Set.copyOf(named);
            },
            lifeline);
  }

  @AfterEach
  void stop() throws IOException {
    lifeline.close();
  }

  @Test
  void withNoProcessEndedUncleanly_nothingIsLookedUp_norReclaimed() throws IOException {
    String orphan = write("orphan");
    assertThat(unreferenced.sweep(Instant.now().plus(Duration.ofDays(1)))).isZero();
    assertThat(lookups).isZero();
    assertThat(blobs.exists(orphan)).isTrue();
  }

  @Test
  void afterAProcessEndedUncleanly_theBlobsNothingNames_areDeletedOnceTheGraceHasPassed()
      throws IOException {
    String kept = write("named by a row");
    named.add(kept);
    String orphan = write("renamed, never committed");
    String part = write("a part");
    named.add(part);
    String composedOrphan = blobs.compose(List.of(part));
    Path firstLayout = dataDir.resolve("blobs/ab/cd/abcd0000-0000-0000-0000-000000000000");
    Files.createDirectories(firstLayout.getParent());
    Files.writeString(firstLayout, "a blob of the first layout");
    endedProcessLifeline();

    Instant found = Instant.now();
    assertThat(unreferenced.sweep(found)).as("within the grace").isZero();
    assertThat(lookups).isZero();
    assertThat(marks()).hasSize(1);

    assertThat(unreferenced.sweep(found.plus(GRACE).plusSeconds(1))).isEqualTo(3);
    assertThat(blobs.exists(kept)).isTrue();
    assertThat(blobs.exists(part)).isTrue();
    assertThat(blobs.exists(orphan)).isFalse();
    assertThat(blobs.isComposed(composedOrphan)).isFalse();
    assertThat(firstLayout).doesNotExist();
    assertThat(lookups).isOne();
    assertThat(marks()).as("the mark is cleared").isEmpty();
    try (var read = blobs.channel(part)) {
      assertThat(read.size()).isEqualTo("a part".length());
    }

    // Deleted as any blob is: moved aside, so a read begun before still finds the files.
    try (Stream<Path> aside = Files.walk(dataDir.resolve("deleted"))) {
      assertThat(aside.map(p -> p.getFileName().toString()))
          .contains(orphan, composedOrphan, firstLayout.getFileName().toString());
    }
    assertThat(unreferenced.sweep(found.plus(GRACE.multipliedBy(2)))).isZero();
    assertThat(lookups).as("nothing more to look up until another end").isOne();
  }

  @Test
  void aBlobChangedAfterTheCutoff_stays_evenUnnamed() throws IOException {
    endedProcessLifeline();
    // Found an hour ago: the cutoff a grace after that is still long before this blob's rename.
    Instant found = Instant.now().minus(Duration.ofHours(1));
    lifeline.findEnded(found);
    String young = write("renamed just now; its row may be about to commit");

    assertThat(unreferenced.sweep(found.plus(GRACE).plusSeconds(1))).isZero();
    assertThat(blobs.exists(young)).isTrue();
    assertThat(lookups).isOne();
    assertThat(marks()).isEmpty();
  }

  @Test
  void aMarkNotYetPastTheGrace_waits_whileAnOlderOneIsCleared() throws IOException {
    endedProcessLifeline();
    Instant first = Instant.now().minus(GRACE).minusSeconds(5);
    lifeline.findEnded(first);
    endedProcessLifeline();
    lifeline.findEnded(Instant.now());
    assertThat(marks()).hasSize(2);

    unreferenced.sweep(Instant.now());
    assertThat(marks()).singleElement().asString().doesNotStartWith(first.toEpochMilli() + "-");
  }

  private String write(String text) throws IOException {
    return blobs.write(new ByteArrayInputStream(text.getBytes()));
  }

  /** A lifeline as a killed process leaves it: not locked, and older than a starting one. */
  private void endedProcessLifeline() throws IOException {
    Path left = dataDir.resolve("lifelines").resolve("killed-" + System.nanoTime());
    Files.createFile(left);
    Files.setLastModifiedTime(left, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
  }

  private List<String> marks() throws IOException {
    try (Stream<Path> listed = Files.list(Lifeline.ended(dataDir))) {
      return listed.map(p -> p.getFileName().toString()).toList();
    }
  }
}
