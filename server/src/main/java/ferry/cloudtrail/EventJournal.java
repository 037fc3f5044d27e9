package ferry.cloudtrail;

import ferry.cloudtrail.store.EventRepository;
import ferry.cloudtrail.store.EventRepository.JournalPosition;
import ferry.cloudtrail.store.PendingEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a call's record goes before its answer is sent: appended to a file in {@code
 * <data>/cloudtrail/}, one write of a few hundred bytes, which the operating system keeps when
 * Ferry is killed. A background thread builds the events (their JSON, resources and allowed
 * accesses) from the appended entries in batches and writes them to the event history, moving the
 * journal's position (V74) in the same transaction; at start-up the entries past that position are
 * written before Ferry serves, so a {@code kill -9} loses no event of an answered request. Readers
 * of the history {@link #settle} first, so they see every call recorded before they asked.
 *
 * <p>Each entry is framed as its length, a CRC32C of its bytes, and the bytes ({@link
 * JournalEntry#encode}); a frame cut short by a crash is the end of its file. Files are numbered;
 * the file being appended to is replaced by the next number once it has grown past {@link
 * #ROTATE_AT} and everything in it is events, and a file is deleted once the position has moved
 * past it.
 */
public final class EventJournal implements PendingEvents, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
  private static final Pattern FILE = Pattern.compile("journal-(\\d+)\\.log");
  private static final long ROTATE_AT = 16L << 20;
  private static final int FRAME_HEADER = 8;
  // How many entries one transaction writes at most, and how long the writer gathers entries
  // before writing fewer: larger batches touch each index page once for many events. A second's
  // batch costs the writer half the CPU per event of a tenth's (under GETs at c16); readers
  // settle first, so they never wait for it.
  private static final int MAX_BATCH = 2_000;
  private static final long GATHER_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long GATHER_BYTES = 1L << 20;
  private static final long SETTLE_TIMEOUT_MILLIS = 30_000;
  private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Path dir;
  private final String id;
  private final JournalClaim claim;
  private final EventRepository history;

  private final ReentrantLock appending = new ReentrantLock();
  // Guarded by appending.
  private FileChannel out;
  private long outNumber;
  private long outSize;
  private volatile long appended;

  // The writer thread's own: the file and offset it reads next.
  private long readNumber;
  private long readOffset;
  private @Nullable FileChannel in;
  private final Object progress = new Object();
  private volatile long written;
  private volatile boolean settleWanted;
  private volatile boolean closing;
  // Set while the writer waits with nothing to write: an append then wakes it.
  private volatile boolean idle;
  private final Thread writer;
  private long lastSweep = System.nanoTime();

  private EventJournal(JournalClaim claim, EventRepository history) throws IOException {
    this.dir = claim.dir();
    this.id = claim.id();
    this.claim = claim;
    this.history = history;
    TreeMap<Long, Path> files = files(dir);
    this.outNumber = catchUp(id, files) + 1;
    this.out = open(outNumber);
    history.insertFromJournal(List.of(), List.of(), id, new JournalPosition(outNumber, 0));
    for (Path file : files.values()) {
      Files.deleteIfExists(file);
    }
    this.readNumber = outNumber;
    this.readOffset = 0;
    this.writer = Thread.ofPlatform().name("cloudtrail-events").daemon().unstarted(this::run);
    writer.start();
  }

  /**
   * Opens a journal in {@code <dataDir>/cloudtrail} that no other running process holds (nodes may
   * share the data folder, see {@link JournalClaim}), first writing as events what a previous run
   * appended to it but did not write.
   */
  public static EventJournal open(Path dataDir, EventRepository history) {
    try {
      JournalClaim claim = JournalClaim.take(dataDir.resolve("cloudtrail"));
      try {
        return new EventJournal(claim, history);
      } catch (IOException | RuntimeException e) {
        claim.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("The CloudTrail journal could not be opened", e);
    }
  }

  static boolean isJournalFile(Path file) {
    return FILE.matcher(file.getFileName().toString()).matches();
  }

  /**
   * Appends recorded calls; once this returns they survive Ferry being killed (the operating system
   * has their bytes), and their events will be in the history.
   */
  public void append(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<byte[]> encoded = new ArrayList<>(entries.size());
    int size = 0;
    for (JournalEntry entry : entries) {
      byte[] bytes = entry.encode();
      encoded.add(bytes);
      size += FRAME_HEADER + bytes.length;
    }
    ByteBuffer frames = ByteBuffer.allocate(size);
    var crc = new CRC32C();
    for (byte[] bytes : encoded) {
      crc.reset();
      crc.update(bytes);
      frames.putInt(bytes.length).putInt((int) crc.getValue()).put(bytes);
    }
    frames.flip();
    appending.lock();
    try {
      try {
        while (frames.hasRemaining()) {
          out.write(frames);
        }
      } catch (IOException e) {
        // No partial frame may stay before the next one.
        truncateQuietly(out, outSize);
        throw new UncheckedIOException("The CloudTrail journal could not be written", e);
      }
      outSize += size;
      appended += entries.size();
    } finally {
      appending.unlock();
    }
    if (idle) {
      LockSupport.unpark(writer);
    }
  }

  @Override
  public void settle() {
    long target = appended;
    if (written >= target || Thread.currentThread() == writer) {
      return;
    }
    settleWanted = true;
    LockSupport.unpark(writer);
    long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
    synchronized (progress) {
      while (written < target && writer.isAlive()) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          LOG.warn("CloudTrail events are {} calls behind", target - written);
          return;
        }
        try {
          progress.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Writes what is still pending and stops; call after the last request was answered. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    appending.lock();
    try {
      out.close();
      if (in != null) {
        in.close();
      }
    } catch (IOException e) {
      LOG.warn("Closing the CloudTrail journal failed", e);
    } finally {
      appending.unlock();
    }
    try {
      // Last: another process may take the journal once this one has let go of it.
      claim.close();
    } catch (IOException e) {
      LOG.warn("Letting go of the CloudTrail journal failed", e);
    }
  }

  private void run() {
    while (true) {
      // Also between batches: a writer that is never idle still writes what stopped nodes left.
      sweepWhenDue();
      long seen = appended;
      boolean wrote;
      try {
        wrote = writeSome();
      } catch (RuntimeException | IOException e) {
        LOG.error("Writing CloudTrail events failed; retrying", e);
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        continue;
      }
      if (!wrote) {
        if (closing) {
          return;
        }
        settleWanted = false;
        awaitEntries(seen);
      }
    }
  }

  /**
   * Waits, with nothing to write, until an append wakes the writer, a reader settles, the journal
   * closes or the next sweep is due: an idle Ferry does not wake every tenth of a second. {@code
   * seen} is what had been appended before the writer last found nothing to write.
   */
  private void awaitEntries(long seen) {
    idle = true;
    // An append after that look, before idle was set, woke nobody: the count shows it.
    if (appended == seen && !closing && !settleWanted) {
      LockSupport.parkNanos(Math.max(0, lastSweep + SWEEP_EVERY_NANOS - System.nanoTime()));
    }
    idle = false;
  }

  private void sweepWhenDue() {
    long now = System.nanoTime();
    if (now - lastSweep < SWEEP_EVERY_NANOS) {
      return;
    }
    lastSweep = now;
    try {
      sweepAbandoned();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Writing the CloudTrail journals of stopped processes failed; trying again later", e);
    }
  }

  /** Writes one batch of pending entries as events; false when there was nothing to write. */
  private boolean writeSome() throws IOException {
    long number;
    long size;
    appending.lock();
    try {
      number = outNumber;
      size = outSize;
      if (readNumber == number && readOffset == size && size >= ROTATE_AT) {
        out.close();
        outNumber = ++number;
        out = open(outNumber);
        outSize = size = 0;
      }
    } finally {
      appending.unlock();
    }
    if (readNumber < number) {
      // Nothing is appended to an earlier file any more: its length is final.
      FileChannel old = reader();
      if (readOffset >= old.size()) {
        history.insertFromJournal(List.of(), List.of(), id, new JournalPosition(readNumber + 1, 0));
        old.close();
        in = null;
        Files.deleteIfExists(file(readNumber));
        readNumber++;
        readOffset = 0;
        return true;
      }
      size = old.size();
    } else if (readOffset == size) {
      return false;
    }
    if (!settleWanted && !closing && size - readOffset < GATHER_BYTES) {
      // Few entries: gather more first, unless a reader waits for them.
      LockSupport.parkNanos(GATHER_NANOS);
      appending.lock();
      try {
        if (readNumber == outNumber) {
          size = outSize;
        }
      } finally {
        appending.unlock();
      }
    }
    Batch batch = read(reader(), readOffset, size, false);
    write(batch);
    readOffset = batch.end();
    return true;
  }

  /** The entries of one batch, and the offset after the last of them. */
  private record Batch(List<JournalEntry> entries, int frames, long end, boolean torn) {}

  /**
   * Reads up to {@link #MAX_BATCH} frames from {@code offset} to at most {@code end}.
   *
   * @param replaying whether a bad frame is a crash's torn end (at start-up) rather than damage
   */
  private Batch read(FileChannel channel, long offset, long end, boolean replaying)
      throws IOException {
    long length = Math.min(end - offset, 8L << 20);
    ByteBuffer buffer = ByteBuffer.allocate((int) length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        break;
      }
    }
    buffer.flip();
    List<JournalEntry> entries = new ArrayList<>();
    var crc = new CRC32C();
    int frames = 0;
    boolean torn = false;
    while (frames < MAX_BATCH && buffer.remaining() >= FRAME_HEADER) {
      int start = buffer.position();
      int size = buffer.getInt();
      int checksum = buffer.getInt();
      if (size <= 0 || size > buffer.remaining()) {
        buffer.position(start);
        // A frame longer than what was read: the rest is read next time, unless this is the end.
        if (size <= 0 || offset + start + FRAME_HEADER + (long) size > end) {
          torn = true;
        }
        break;
      }
      crc.reset();
      crc.update(buffer.array(), start + FRAME_HEADER, size);
      if ((int) crc.getValue() != checksum) {
        buffer.position(start);
        torn = true;
        break;
      }
      ByteBuffer entry = ByteBuffer.wrap(buffer.array(), start + FRAME_HEADER, size).slice();
      buffer.position(start + FRAME_HEADER + size);
      frames++;
      try {
        entries.add(JournalEntry.decode(entry));
      } catch (IllegalArgumentException e) {
        LOG.error("Skipping an unreadable CloudTrail journal entry at {}", offset + start, e);
      }
    }
    if (torn && !replaying) {
      // Never while running: the writer reads only whole appended frames.
      LOG.error(
          "The CloudTrail journal {} is damaged at {}", readNumber, offset + buffer.position());
    }
    return new Batch(entries, frames, offset + buffer.position(), torn);
  }

  private void write(Batch batch) {
    store(id, readNumber, batch);
    synchronized (progress) {
      written += batch.frames();
      progress.notifyAll();
    }
  }

  /**
   * Stores a batch's events and allowed accesses, moving the journal's position past it in the same
   * transaction.
   */
  private void store(String journalId, long fileNumber, Batch batch) {
    List<TrailEvent> events = new ArrayList<>(batch.entries().size() + 8);
    List<ActionUse> uses = new ArrayList<>();
    for (JournalEntry entry : batch.entries()) {
      List<TrailEvent> made = entry.events();
      events.addAll(made);
      uses.addAll(entry.uses(made));
    }
    history.insertFromJournal(
        events, uses, journalId, new JournalPosition(fileNumber, batch.end()));
  }

  /**
   * Writes as events what a journal's files hold past its position, deleting the files the position
   * has moved past; returns the number of its last file (or of the position's, when it has none).
   */
  private long catchUp(String journalId, TreeMap<Long, Path> files) throws IOException {
    JournalPosition position = history.journalPosition(journalId);
    long last = position.file();
    for (var file : files.entrySet()) {
      long number = file.getKey();
      if (number < position.file()) {
        Files.deleteIfExists(file.getValue());
        continue;
      }
      replay(journalId, file.getValue(), number, number == position.file() ? position.offset() : 0);
      last = Math.max(last, number);
    }
    return last;
  }

  /**
   * Writes the entries of journals whose process is gone (a node killed while others run on the
   * same data folder) and removes their folders, so they need not wait for the next start.
   */
  void sweepAbandoned() throws IOException {
    for (JournalClaim left : JournalClaim.takeAbandoned(dir.getParent())) {
      try {
        catchUp(left.id(), files(left.dir()));
        left.retire();
        history.forgetJournal(left.id());
        LOG.info("Wrote the CloudTrail journal {} that a stopped Ferry process left", left.id());
      } finally {
        left.close();
      }
    }
  }

  /** Writes as events what a file holds from {@code offset}, up to its end or a torn frame. */
  private void replay(String journalId, Path file, long number, long offset) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long end = channel.size();
      long at = offset;
      while (at < end) {
        Batch batch = read(channel, at, end, true);
        if (batch.frames() > 0) {
          store(journalId, number, batch);
        }
        if (batch.torn() || batch.end() == at) {
          if (batch.end() < end) {
            LOG.warn(
                "CloudTrail journal {} ends in a cut entry at {} (a crash while a call was recorded,"
                    + " before it was answered)",
                file,
                batch.end());
          }
          return;
        }
        at = batch.end();
      }
    }
  }

  private FileChannel reader() throws IOException {
    if (in == null) {
      in = FileChannel.open(file(readNumber), StandardOpenOption.READ);
    }
    return in;
  }

  private FileChannel open(long number) throws IOException {
    return FileChannel.open(file(number), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private Path file(long number) {
    return dir.resolve("journal-" + number + ".log");
  }

  private static TreeMap<Long, Path> files(Path folder) throws IOException {
    TreeMap<Long, Path> files = new TreeMap<>();
    try (Stream<Path> listed = Files.list(folder)) {
      listed.forEach(path -> {
        Matcher matcher = FILE.matcher(path.getFileName().toString());
        if (matcher.matches()) {
          files.put(Long.parseLong(matcher.group(1)), path);
        }
      });
    }
    return files;
  }

  private static void truncateQuietly(FileChannel channel, long size) {
    try {
      channel.truncate(size);
      channel.position(size);
    } catch (IOException e) {
      LOG.error("The CloudTrail journal could not be cut back to its last whole entry", e);
    }
  }
}
