package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifelineTest {
  @TempDir Path dataDir;

  @Test
  void aLifelineClosed_leavesNothing_andIsNoEnd() throws IOException {
    try (Lifeline watching = Lifeline.hold(dataDir)) {
      Lifeline.hold(dataDir).close();
      assertThat(watching.findEnded(later())).isZero();
      assertThat(names(dataDir.resolve("lifelines"))).as("its own and ended/").hasSize(2);
    }
    assertThat(names(dataDir.resolve("lifelines"))).containsExactly("ended");
    assertThat(names(Lifeline.ended(dataDir))).isEmpty();
  }

  @Test
  void lifelinesHeldInThisProcess_areNotEnded() throws IOException {
    try (Lifeline one = Lifeline.hold(dataDir);
        Lifeline two = Lifeline.hold(dataDir)) {
      assertThat(one.findEnded(later())).isZero();
      assertThat(two.findEnded(later())).isZero();
    }
    assertThat(names(Lifeline.ended(dataDir))).isEmpty();
  }

  @Test
  void theLifelineOfAKilledProcess_isHeldWhileItRuns_andFoundEndedOnceAfter() throws Exception {
    Process holder = ChildJvm.start(Holder.class, dataDir.toString());
    try (Lifeline watching = Lifeline.hold(dataDir)) {
      var said = new BufferedReader(new InputStreamReader(holder.getInputStream()));
      assertThat(said.readLine()).isEqualTo("held");
      assertThat(watching.findEnded(later())).as("while the other process runs").isZero();

      holder.destroyForcibly();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Instant found = later();
      assertThat(watching.findEnded(found)).isEqualTo(1);
      assertThat(names(dataDir.resolve("lifelines"))).hasSize(2); // its own and ended/
      List<String> marks = names(Lifeline.ended(dataDir));
      assertThat(marks).singleElement().asString().startsWith(found.toEpochMilli() + "-");
      assertThat(watching.findEnded(found.plusSeconds(60))).as("found once").isZero();
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void anUnlockedLifeline_isAStartingProcessWhileYoung_thenEnded() throws IOException {
    try (Lifeline watching = Lifeline.hold(dataDir)) {
      Path created = Files.createFile(dataDir.resolve("lifelines").resolve("starting"));
      Instant made = Files.getLastModifiedTime(created).toInstant();
      assertThat(watching.findEnded(made.plusSeconds(1))).isZero();
      assertThat(created).exists();
      assertThat(watching.findEnded(made.plus(LockedFile.LOCKING).plusSeconds(1))).isEqualTo(1);
      assertThat(created).doesNotExist();
    }
  }

  @Test
  void aLifelineLeftByAnEarlierProcess_isFoundEndedByTheNext() throws IOException {
    Path left = Files.createDirectories(dataDir.resolve("lifelines")).resolve("earlier");
    Files.createFile(left);
    Files.setLastModifiedTime(left, FileTime.from(Instant.now().minusSeconds(3600)));
    try (Lifeline next = Lifeline.hold(dataDir)) {
      assertThat(next.findEnded(Instant.now())).isEqualTo(1);
    }
    assertThat(names(Lifeline.ended(dataDir))).singleElement().asString().endsWith("-earlier");
  }

  /** Past the age at which an unlocked lifeline may be a starting process's. */
  private static Instant later() {
    return Instant.now().plus(LockedFile.LOCKING).plusSeconds(1);
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Run in a JVM of its own: holds a lifeline on the data folder until it is killed. */
  static final class Holder {
    public static void main(String[] args) throws Exception {
      Lifeline.hold(Path.of(args[0]));
      System.out.println("held");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
