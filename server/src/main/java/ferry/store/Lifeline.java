package ferry.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A process's claim on a data folder: a file under {@code lifelines/} that it holds locked until it
 * closes. The operating system releases the lock however the process ends, so a lifeline whose lock
 * can be taken is one a process left without closing (killed, crashed, or its host lost), and the
 * writes it had in flight may have left blobs that nothing refers to. {@link #findEnded} turns each
 * such lifeline into a mark under {@code lifelines/ended/}, named by when it was found, which
 * {@link UnreferencedBlobs} clears once it has reclaimed those blobs.
 */
public final class Lifeline implements Closeable {
  /**
   * A lifeline is created and then locked: one this young may be a starting process's that it has
   * not locked yet.
   */
  static final Duration STARTING = Duration.ofSeconds(10);

  // The lifelines this process holds, and the guard of taking and judging them. Never a second
  // channel on one of them: closing it would release the process's lock (POSIX record locks belong
  // to the process and the file, not to the channel).
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;

  private Lifeline(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** A new lifeline for this process on the data folder. */
  public static Lifeline hold(Path dataDir) throws IOException {
    Path folder = Files.createDirectories(dataDir.resolve("lifelines"));
    Files.createDirectories(ended(dataDir));
    Path file = folder.resolve(UUID.randomUUID().toString()).toAbsolutePath().normalize();
    synchronized (HELD_HERE) {
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        if (channel.tryLock() == null) {
          throw new IOException("Another process locked the new lifeline " + file);
        }
        HELD_HERE.add(file);
        return new Lifeline(file, channel);
      } catch (IOException | RuntimeException e) {
        channel.close();
        Files.deleteIfExists(file);
        throw e;
      }
    }
  }

  /**
   * Looks at every other lifeline on the folder: each whose lock can be taken becomes a mark under
   * {@code lifelines/ended/} and is removed. Processes sharing the folder may find the same one:
   * each then leaves a mark, which only makes a reclaim run once more.
   *
   * @return how many lifelines of processes that ended without closing were found
   */
  public int findEnded(Instant now) throws IOException {
    Path dataDir = file.getParent().getParent();
    int found = 0;
    // With the guard held, no other Ferry in this JVM is between creating its lifeline and
    // locking it, when a channel this opens and closes would release its lock.
    synchronized (HELD_HERE) {
      try (Stream<Path> listed = Files.list(file.getParent())) {
        for (Path other : listed.filter(Files::isRegularFile).toList()) {
          Path normalized = other.toAbsolutePath().normalize();
          if (!HELD_HERE.contains(normalized) && hasEnded(normalized, dataDir, now)) {
            found++;
          }
        }
      }
    }
    return found;
  }

  private static boolean hasEnded(Path file, Path dataDir, Instant now) throws IOException {
    try {
      if (Files.getLastModifiedTime(file).toInstant().isAfter(now.minus(STARTING))) {
        return false;
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        if (channel.tryLock() == null) {
          return false;
        }
        markEnded(dataDir, now, file.getFileName().toString());
        // The mark first, made durable: a power loss must not keep the removal and lose the mark.
        Durable.force(ended(dataDir));
        Files.deleteIfExists(file);
        return true;
      }
    } catch (NoSuchFileException closedOrFoundElsewhere) {
      return false;
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

  /** Removes the file and releases its lock: this process ended cleanly. */
  @Override
  public void close() throws IOException {
    synchronized (HELD_HERE) {
      try {
        Files.deleteIfExists(file);
      } finally {
        // Closing the channel releases the lock.
        channel.close();
        HELD_HERE.remove(file);
      }
    }
  }
}
