package ferry.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file this process holds locked for as long as something lasts, then removes. The operating
 * system releases the lock however the process ends, so another process sharing the folder can tell
 * a file still held from one a process left behind when it was killed, crashed or lost its host.
 */
final class LockedFile implements Closeable {
  /** A file is created, then locked: one this young may be one whose process has not locked it. */
  static final Duration LOCKING = Duration.ofSeconds(10);

  // The files this process holds, from before each exists until after its lock is released. Never a
  // second channel on one of them: closing it would release the process's lock (POSIX record locks
  // belong to the process and the file, not to the channel), so they are never probed, only looked
  // up here. A file listed in the folder is therefore in this set for as long as it is locked.
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private final FileChannel channel;

  private LockedFile(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates the file, which must not exist, and holds it locked until {@link #close}. */
  static LockedFile create(Path file) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    HELD_HERE.add(key);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      if (channel.tryLock() == null) {
        throw new IOException("Another process locked the new file " + key);
      }
      return new LockedFile(key, channel);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
        Files.deleteIfExists(key);
      }
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /**
   * Whether some process holds the file: this one, another that has it locked, or one that may be
   * about to (the file is younger than {@link #LOCKING} at {@code now}). False when it is gone.
   */
  static boolean isHeld(Path file, Instant now) throws IOException {
    Path key = file.toAbsolutePath().normalize();
    if (HELD_HERE.contains(key)) {
      return true;
    }
    try {
      if (Files.getLastModifiedTime(key).toInstant().isAfter(now.minus(LOCKING))) {
        return true;
      }
      try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE)) {
        return channel.tryLock() == null;
      }
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  Path file() {
    return file;
  }

  /** Removes the file, then lets go of its lock. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(file);
    } finally {
      try {
        // Closing the channel releases the lock.
        channel.close();
      } finally {
        HELD_HERE.remove(file);
      }
    }
  }
}
