package ferry.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.cloudtrail.store.EventRepository;
import ferry.store.Database;
import ferry.testing.ChildJvm;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal between a request and its events: entries survive as bytes, are built into events by
 * the writer, replayed at start when a run ended before writing them, and a cut last entry (a crash
 * mid-append, before the answer) is the end of its file.
 */
class EventJournalTest {
  private static final AccountId DEV = AccountId.of("111111111111");
  @TempDir Path dir;

  private static JournalEntry entry(String key) {
    var caller =
        new Caller(
            new Principal.AssumedRole(DEV, "/", "deploy", "AROAEXAMPLE", "s1"),
            "ASIAEXAMPLE",
            List.of(),
            Map.of(),
            "10.0.0.1",
            true,
            Instant.parse("2026-12-03T10:00:00.123Z"),
            Region.US_EAST_1,
            null,
            "alice",
            Instant.parse("2026-12-03T09:00:00Z"));
    AccessRequest access =
        new AccessRequest(
            "s3:PutObject",
            "arn:aws:s3:::bucket/" + key,
            DEV,
            null,
            Map.of("s3:x-amz-acl", List.of("private")));
    return new JournalEntry(
        new ApiCall(
            caller.requestTime(),
            caller,
            null,
            "s3.amazonaws.com",
            "PutObject",
            "aws-cli/2",
            "REQ" + key,
            null,
            null,
            access,
            "d-x-1",
            null),
        List.of(access));
  }

  @Test
  void anEntry_readsBackAsTheSameCall_withOnlyTheConditionKeysARecordShows() {
    JournalEntry written = entry("a.txt");

    JournalEntry read = JournalEntry.decode(ByteBuffer.wrap(written.encode()));

    assertThat(read.call().caller()).isEqualTo(written.call().caller());
    assertThat(read.call().eventName()).isEqualTo("PutObject");
    assertThat(read.call().requestId()).isEqualTo("REQa.txt");
    assertThat(read.call().primary().resource()).isEqualTo("arn:aws:s3:::bucket/a.txt");
    assertThat(read.call().primary().context()).isEmpty();
    assertThat(read.events().getFirst().record()).contains("\"requestID\":\"REQa.txt\"");
    assertThat(read.uses(read.events()))
        .singleElement()
        .satisfies(use ->
            assertThat(use.principalArn()).isEqualTo("arn:aws:iam::111111111111:role/deploy"));
  }

  @Test
  void appendedEntries_becomeEvents_andARestartReplaysOnlyWhatWasNotWritten() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      var history = new EventRepository(db);
      EventJournal journal = EventJournal.open(dir, history);
      journal.append(List.of(entry("1"), entry("2")));
      journal.settle();
      assertThat(requestIds(new EventRepository(db, journal)))
          .containsExactlyInAnyOrder("REQ1", "REQ2");
      journal.close();
    }
    // A run that appended but was killed before its writer wrote anything: the bytes are there.
    Path next = journalFile();
    Files.write(next, frames(entry("3"), entry("4")), StandardOpenOption.APPEND);
    // And a cut entry after them: a crash in the middle of an append.
    byte[] cut = frames(entry("5"));
    Files.write(next, java.util.Arrays.copyOf(cut, cut.length - 7), StandardOpenOption.APPEND);

    try (Database db = Database.openSqlite(dir)) {
      EventJournal journal = EventJournal.open(dir, new EventRepository(db));
      assertThat(requestIds(new EventRepository(db, journal)))
          .containsExactlyInAnyOrder("REQ1", "REQ2", "REQ3", "REQ4");
      journal.append(List.of(entry("6")));
      journal.settle();
      assertThat(requestIds(new EventRepository(db, journal))).hasSize(5).contains("REQ6");
      journal.close();
    }
    try (Database db = Database.openSqlite(dir)) {
      EventJournal journal = EventJournal.open(dir, new EventRepository(db));
      assertThat(requestIds(new EventRepository(db, journal))).hasSize(5);
      journal.close();
    }
  }

  @Test
  void anEntryAppendedToAQuietJournal_isWrittenAtOnce_notAtTheNextSweep() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      var history = new EventRepository(db);
      EventJournal journal = EventJournal.open(dir, history);
      // The writer has found nothing to write and waits; the next sweep is seconds away.
      Thread.sleep(300);

      journal.append(List.of(entry("1")));

      // Read without settling: only the append itself may have woken the writer.
      long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (requestIds(history).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(requestIds(history)).containsExactly("REQ1");
      journal.close();
    }
  }

  @Test
  void nodesSharingADataFolder_eachAppendToAJournalOfTheirOwn_andNoEntryIsLost() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      EventJournal first = EventJournal.open(dir, new EventRepository(db));
      EventJournal second = EventJournal.open(dir, new EventRepository(db));
      first.append(List.of(entry("1")));
      second.append(List.of(entry("2")));
      first.settle();
      second.settle();
      assertThat(requestIds(new EventRepository(db, first)))
          .containsExactlyInAnyOrder("REQ1", "REQ2");
      // The second node stops; the first goes on, and a node started later takes the free journal.
      second.close();
      first.append(List.of(entry("3")));
      EventJournal third = EventJournal.open(dir, new EventRepository(db));
      third.append(List.of(entry("4")));
      first.settle();
      third.settle();
      assertThat(requestIds(new EventRepository(db, third)))
          .containsExactlyInAnyOrder("REQ1", "REQ2", "REQ3", "REQ4");
      first.close();
      third.close();
    }
    assertThat(journalFolders()).hasSize(2);
  }

  @Test
  void aJournalLeftByAKilledNode_isWrittenByARunningNode_andRemoved_whileLiveJournalsStay()
      throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      EventJournal running = EventJournal.open(dir, new EventRepository(db));
      EventJournal other = EventJournal.open(dir, new EventRepository(db));
      // A node killed before its writer wrote its last entries: nobody holds its folder.
      Path killed = Files.createDirectories(dir.resolve("cloudtrail").resolve("killed-node"));
      Files.write(killed.resolve("journal-3.log"), frames(entry("1"), entry("2")));

      running.sweepAbandoned();
      other.sweepAbandoned();

      assertThat(killed).doesNotExist();
      other.append(List.of(entry("3")));
      other.settle();
      assertThat(requestIds(new EventRepository(db, running)))
          .containsExactlyInAnyOrder("REQ1", "REQ2", "REQ3");
      assertThat(journalFolders()).hasSize(2);
      running.close();
      other.close();
    }
  }

  @Test
  void sweeping_leavesEveryLiveJournalLockedForOtherProcesses() throws Exception {
    try (Database db = Database.openSqlite(dir)) {
      EventJournal first = EventJournal.open(dir, new EventRepository(db));
      EventJournal second = EventJournal.open(dir, new EventRepository(db));

      first.sweepAbandoned();
      second.sweepAbandoned();

      try (Stream<Path> folders = Files.list(dir.resolve("cloudtrail"))) {
        for (Path folder : folders.filter(Files::isDirectory).toList()) {
          assertThat(lockedForAnotherProcess(folder.resolve("lock")))
              .as(folder.toString())
              .isTrue();
        }
      }
      first.close();
      second.close();
    }
  }

  private List<Path> journalFolders() throws java.io.IOException {
    try (Stream<Path> listed = Files.list(dir.resolve("cloudtrail"))) {
      return listed.filter(Files::isDirectory).toList();
    }
  }

  /** Whether another JVM finds the file locked (a lock this process lost, it would get). */
  private static boolean lockedForAnotherProcess(Path file) throws Exception {
    Process probe = ChildJvm.start(LockProbe.class, file.toString());
    String said = new String(probe.getInputStream().readAllBytes()).strip();
    assertThat(probe.waitFor()).as(said).isZero();
    return said.equals("held");
  }

  /** Run in a JVM of its own: prints whether the file's lock is held by some other process. */
  static final class LockProbe {
    public static void main(String[] args) throws Exception {
      try (var channel =
          java.nio.channels.FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
        var lock = channel.tryLock();
        System.out.println(lock == null ? "held" : "free");
      }
    }
  }

  @Test
  void aJournalOfAnEarlierLayout_movesIntoAFolderOfItsId_withItsUnwrittenEntries()
      throws Exception {
    Path cloudtrail = Files.createDirectories(dir.resolve("cloudtrail"));
    Files.writeString(cloudtrail.resolve("journal-id"), "earlier-journal");
    Files.write(cloudtrail.resolve("journal-1.log"), frames(entry("1"), entry("2")));

    try (Database db = Database.openSqlite(dir)) {
      EventJournal journal = EventJournal.open(dir, new EventRepository(db));
      assertThat(requestIds(new EventRepository(db, journal)))
          .containsExactlyInAnyOrder("REQ1", "REQ2");
      journal.close();
    }
    assertThat(cloudtrail.resolve("journal-id")).doesNotExist();
    assertThat(cloudtrail.resolve("earlier-journal")).isDirectory();
  }

  private Path journalFile() throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("cloudtrail"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("journal-\\d+\\.log"))
          .findFirst()
          .orElseThrow();
    }
  }

  private static byte[] frames(JournalEntry... entries) {
    var out = new java.io.ByteArrayOutputStream();
    for (JournalEntry entry : entries) {
      byte[] bytes = entry.encode();
      var crc = new java.util.zip.CRC32C();
      crc.update(bytes);
      out.writeBytes(
          ByteBuffer.allocate(8).putInt(bytes.length).putInt((int) crc.getValue()).array());
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  private static List<String> requestIds(EventRepository history) {
    return history
        .find(DEV.value(), null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), null, 50)
        .stream()
        .map(event -> event.record().replaceAll(".*\"requestID\":\"([^\"]+)\".*", "$1"))
        .toList();
  }
}
