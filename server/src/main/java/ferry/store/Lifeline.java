package ferry.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A process's claim on a data folder: a file under {@code lifelines/} that it holds locked until it
 * closes ({@link LockedFile}). A lifeline nobody holds is one a process left without closing
 * (killed, crashed, or its host lost), and the writes it had in flight may have left blobs that
 * nothing refers to. {@link #findEnded} turns each such lifeline into a mark under {@code
 * lifelines/ended/}, named by when it was found, which {@link UnreferencedBlobs} clears once it has
 * reclaimed those blobs.
 */
public final class Lifeline implements Closeable {
  private final LockedFile file;

  private Lifeline(LockedFile file) {
    this.file = file;
  }

  /** A new lifeline for this process on the data folder. */
  public static Lifeline hold(Path dataDir) throws IOException {
    Path folder = Files.createDirectories(dataDir.resolve("lifelines"));
    Files.createDirectories(ended(dataDir));
    return new Lifeline(LockedFile.create(folder.resolve(UUID.randomUUID().toString())));
  }

  /**
   * Looks at every other lifeline on the folder: each that no process holds becomes a mark under
   * {@code lifelines/ended/} and is removed. Processes sharing the folder may find the same one:
   * each then leaves a mark, which only makes a reclaim run once more.
   *
   * @return how many lifelines of processes that ended without closing were found
   */
  public int findEnded(Instant now) throws IOException {
    Path folder = file.file().getParent();
    Path dataDir = folder.getParent();
    int found = 0;
    try (Stream<Path> listed = Files.list(folder)) {
      for (Path other : listed.filter(Files::isRegularFile).toList()) {
        if (!LockedFile.isHeld(other, now)) {
          markEnded(dataDir, now, other.getFileName().toString());
          // The mark first, made durable: a power loss must not keep the removal and lose the mark.
          Durable.force(ended(dataDir));
          Files.deleteIfExists(other);
          found++;
        }
      }
    }
    return found;
  }

  /** The marks of the ends found before {@code instant}, oldest or not, in no order. */
  public List<Path> endsFoundBefore(Instant instant) throws IOException {
    try (Stream<Path> marks = Files.list(file.file().resolveSibling("ended"))) {
      return marks.filter(mark -> foundAt(mark).isBefore(instant)).toList();
    }
  }

  /** When the mark's process was found to have ended: the millisecond its name begins with. */
  private static Instant foundAt(Path mark) {
    String name = mark.getFileName().toString();
    int dash = name.indexOf('-');
    try {
      return Instant.ofEpochMilli(Long.parseLong(dash < 0 ? name : name.substring(0, dash)));
    } catch (NumberFormatException notAMark) {
      return Instant.MAX;
    }
  }

  private static void markEnded(Path dataDir, Instant now, String id) throws IOException {
    try {
      Files.createFile(ended(dataDir).resolve(now.toEpochMilli() + "-" + id));
    } catch (FileAlreadyExistsException sameMoment) {
      // Another process found it in the same millisecond: one mark is enough.
    }
  }

  static Path ended(Path dataDir) {
    return dataDir.resolve("lifelines").resolve("ended");
  }

  /** Removes the file and lets go of its lock: this process ended cleanly. */
  @Override
  public void close() throws IOException {
    file.close();
  }
}
