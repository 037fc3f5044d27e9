package ferry.cloudtrail;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The journal folder one Ferry process appends to, held by a file lock for as long as it runs.
 * Nodes may share one data folder, so each needs a journal of its own: a starting process takes a
 * folder under {@code <data>/cloudtrail/} that no running process holds (the one a stopped or
 * killed process left, whose unwritten entries it then writes), or makes a new one. The folder's
 * name is the journal's id, under which the database keeps its position. Running processes also
 * take the folders of processes that are gone, write their entries and remove them ({@link
 * #takeAbandoned}), so a killed node's calls reach the history without waiting for a restart.
 * Choosing and removing folders is serialized across processes by a lock on {@code
 * cloudtrail/claim.lock}.
 */
final class JournalClaim implements AutoCloseable {
  private static final String LOCK = "lock";
  // The folders this process holds; guarded by JournalClaim.class.
  private static final Set<Path> HELD_HERE = new HashSet<>();

  private final Path dir;
  private final FileChannel lockFile;
  private final FileLock lock;

  private JournalClaim(Path dir, FileChannel lockFile, FileLock lock) {
    this.dir = dir;
    this.lockFile = lockFile;
    this.lock = lock;
  }

  /** A journal folder under {@code root} that this process now holds. */
  static JournalClaim take(Path root) throws IOException {
    Files.createDirectories(root);
    return guarded(
        root,
        () -> {
          adoptSingleJournal(root);
          List<JournalClaim> free = holdFree(root, 1);
          if (!free.isEmpty()) {
            return free.getFirst();
          }
          Path fresh = Files.createDirectories(root.resolve(UUID.randomUUID().toString()));
          JournalClaim claim = tryHold(fresh);
          if (claim == null) {
            throw new IOException("Cannot lock the new CloudTrail journal " + fresh);
          }
          return claim;
        });
  }

  /**
   * The journal folders under {@code root} that no running process holds (their process stopped or
   * was killed), each now held by this process.
   */
  static List<JournalClaim> takeAbandoned(Path root) throws IOException {
    return guarded(root, () -> holdFree(root, Integer.MAX_VALUE));
  }

  /**
   * Deletes the folder with everything in it, once its entries are events; a starting process
   * cannot be choosing it meanwhile. The lock stays held until {@link #close}.
   */
  void retire() throws IOException {
    guarded(
        dir.getParent(),
        () -> {
          try (Stream<Path> listed = Files.list(dir)) {
            for (Path file : listed.toList()) {
              Files.delete(file);
            }
          }
          Files.delete(dir);
          return null;
        });
  }

  /** The folder's name: the id the database keeps the journal's position under. */
  String id() {
    return dir.getFileName().toString();
  }

  Path dir() {
    return dir;
  }

  @Override
  public void close() throws IOException {
    synchronized (JournalClaim.class) {
      try {
        lock.release();
      } finally {
        lockFile.close();
        HELD_HERE.remove(dir);
      }
    }
  }

  private interface FolderWork<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding the lock that serializes choosing and removing journal folders. */
  private static <T> T guarded(Path root, FolderWork<T> work) throws IOException {
    // File locks belong to the process: two Ferrys in one JVM (tests) wait for each other here.
    synchronized (JournalClaim.class) {
      try (FileChannel guard =
          FileChannel.open(
              root.resolve("claim.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        guard.lock();
        return work.run();
      }
    }
  }

  /** Holds up to {@code most} folders under {@code root} that no process holds; with the guard. */
  private static List<JournalClaim> holdFree(Path root, int most) throws IOException {
    List<JournalClaim> held = new ArrayList<>();
    for (Path dir : folders(root)) {
      if (held.size() == most) {
        break;
      }
      JournalClaim claim = tryHold(dir);
      if (claim != null) {
        held.add(claim);
      }
    }
    return held;
  }

  /** Holds the folder's lock if no process holds it; call with the guard held. */
  private static @Nullable JournalClaim tryHold(Path folder) throws IOException {
    // Absolute and normalized: the key of HELD_HERE.
    Path dir = folder.toAbsolutePath().normalize();
    if (HELD_HERE.contains(dir)) {
      // Never a second channel on a lock file this process holds: closing it would release the
      // process's lock (POSIX record locks belong to the process and the file, not the channel).
      return null;
    }
    FileChannel file =
        FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = file.tryLock();
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
    if (lock == null) {
      file.close();
      return null;
    }
    HELD_HERE.add(dir);
    return new JournalClaim(dir, file, lock);
  }

  private static List<Path> folders(Path root) throws IOException {
    try (Stream<Path> listed = Files.list(root)) {
      return listed.filter(Files::isDirectory).sorted().toList();
    }
  }

  /**
   * Data folders from before journals had folders of their own kept one journal in {@code
   * cloudtrail/} itself, named by {@code journal-id}: it moves into a folder of that name, so its
   * position and its unwritten entries carry over.
   */
  private static void adoptSingleJournal(Path root) throws IOException {
    Path idFile = root.resolve("journal-id");
    if (!Files.exists(idFile)) {
      return;
    }
    String id = Files.readString(idFile, StandardCharsets.UTF_8).strip();
    Path dir = Files.createDirectories(root.resolve(id));
    try (Stream<Path> listed = Files.list(root)) {
      for (Path file : listed.filter(EventJournal::isJournalFile).toList()) {
        Files.move(file, dir.resolve(file.getFileName()));
      }
    }
    Files.delete(idFile);
  }
}
