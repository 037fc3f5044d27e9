package ferry.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Bytes of objects and other large values, one file each under {@code blobs/}. A blob is written to
 * a temporary file, fsynced, renamed into place and its folder fsynced, so a crash never leaves a
 * partial blob under a name anyone refers to, and a blob whose {@link Upload#commit()} returned is
 * still there after a power loss. A composed blob (a completed multipart upload) is a folder of
 * hard links to the blobs it is made of, numbered from 0: composing moves no bytes.
 *
 * <p>A new blob goes into one of 256 folders chosen by the minute it is written in ({@code blobs/<2
 * hex>/<32 hex>}), so writers at the same time rename into the same folder and share its fsync
 * ({@link FolderSync}). Ids of the older layout ({@code blobs/ab/cd/<uuid with dashes>}) stay
 * readable.
 *
 * <p>A deleted blob's files move to {@code deleted/<second>/} and are removed by a sweep once they
 * have been there for {@link #abandonedAfter()}: a read that began before the deletion, on this
 * node or on another sharing the folder, goes on reading them meanwhile, and a sweep keeps those
 * any process sharing the folder is still reading ({@link ReadClaims}).
 */
public final class BlobFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * How long a temp file nobody writes to, and a deleted blob's files, are kept: longer than any
   * client waits for a write.
   */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

  /** A shorter age for tests (an ISO-8601 duration such as {@code PT2S}); never set in service. */
  static final String ABANDONED_AFTER_PROPERTY = "ferry.blobs.abandonedAfter";

  private final Path root;
  private final Path temp;
  private final Path deleted;
  private final Duration abandonedAfter;
  private final Map<Path, FolderSync> folders = new ConcurrentHashMap<>();
  private final ReadClaims reads;

  public BlobFiles(Path dataDir) {
    this(dataDir, abandonedAfterSetting());
  }

  /**
   * @param abandonedAfter how long a temp file nobody writes to, and a deleted blob's files, are
   *     kept before a sweep removes them
   */
  public BlobFiles(Path dataDir, Duration abandonedAfter) {
    this.abandonedAfter = abandonedAfter;
    this.root = dataDir.resolve("blobs");
    this.temp = dataDir.resolve("tmp");
    this.deleted = dataDir.resolve("deleted");
    try {
      Files.createDirectories(root);
      Files.createDirectories(temp);
      Files.createDirectories(deleted);
      this.reads = new ReadClaims(dataDir);
      // blobs/ itself must survive a power loss before any blob in it is said to.
      Durable.force(dataDir);
      sweep(Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Duration abandonedAfterSetting() {
    String value = System.getProperty(ABANDONED_AFTER_PROPERTY);
    if (value == null) {
      return ABANDONED_AFTER;
    }
    try {
      return Duration.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          ABANDONED_AFTER_PROPERTY + " must be an ISO-8601 duration such as PT2S, not " + value, e);
    }
  }

  /** How long a temp file nobody writes to, and a deleted blob's files, are kept. */
  public Duration abandonedAfter() {
    return abandonedAfter;
  }

  /**
   * Removes temp files untouched for {@link #abandonedAfter()} (an upload whose process died, or
   * whose node was lost, leaves its partial file behind) and the files of blobs deleted that long
   * ago. A starting node sweeps, and each node sweeps again periodically, since nodes sharing the
   * folder may never restart.
   */
  public void sweep() {
    try {
      sweep(Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #sweep()} as it would run at {@code now}. */
  void sweep(Instant now) throws IOException {
    removeAbandonedTempFiles(now);
    removeDeletedBlobs(now);
  }

  /** A blob being written; {@link #commit()} makes it durable under its id. */
  public final class Upload implements AutoCloseable {
    private final String id = newId();
    private final Path file = temp.resolve(id);
    private final FileChannel channel;
    private final OutputStream out;
    private boolean committed;

    private Upload() {
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw failed("create", e);
      }
      out = new StoreStream(java.nio.channels.Channels.newOutputStream(channel));
    }

    public String id() {
      return id;
    }

    public OutputStream stream() {
      return out;
    }

    /** The file being written, for copies the kernel can do (FileChannel.transferTo). */
    public FileChannel channel() {
      return channel;
    }

    /**
     * Flushes the bytes to disk, moves the blob into place and makes the move durable; returns its
     * id.
     */
    public String commit() {
      try {
        // fdatasync: the bytes and the size that finds them; the times are not worth a journal
        // write.
        channel.force(false);
        channel.close();
        Path target = pathOf(id);
        FolderSync folder = folder(target.getParent());
        // Rename last: a crash before this line leaves only a temp file, which a sweep removes.
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
        folder.force();
        return id;
      } catch (IOException e) {
        throw failed("commit", e);
      }
    }

    /** Discards an upload that was not committed. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        channel.close();
        Files.deleteIfExists(file);
      }
    }
  }

  public Upload create() {
    return new Upload();
  }

  /**
   * A failure of the disk under the blob folder (full, read-only, gone), not of the client sending
   * the bytes: the request fails with an internal error that names its request id, rather than as a
   * broken connection.
   */
  private StoreException failed(String step, IOException cause) {
    return new StoreException("Could not " + step + " a blob under " + root + ": " + cause, cause);
  }

  /** The upload's stream, its disk failures reported as {@link StoreException}. */
  private final class StoreStream extends java.io.FilterOutputStream {
    StoreStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) {
      try {
        out.write(b);
      } catch (IOException e) {
        throw failed("write", e);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw failed("write", e);
      }
    }
  }

  /** Stores the bytes of a stream as a new blob and returns its id. */
  public String write(InputStream in) throws IOException {
    try (Upload upload = create()) {
      in.transferTo(upload.stream());
      return upload.commit();
    }
  }

  /**
   * A new blob made of the given blobs in order, as hard links to their files, durable when this
   * returns. The pieces stay blobs of their own until deleted.
   */
  public String compose(List<String> pieces) throws IOException {
    String id = newId();
    Path folder = pathOf(id);
    Path building = temp.resolve(id);
    Files.createDirectory(building);
    try {
      for (int i = 0; i < pieces.size(); i++) {
        Files.createLink(building.resolve(Integer.toString(i)), pathOf(pieces.get(i)));
      }
      Durable.force(building);
      FolderSync parent = folder(folder.getParent());
      Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
      parent.force();
      return id;
    } catch (IOException | RuntimeException e) {
      deleteTree(building);
      throw e;
    }
  }

  /** Whether the blob was made by {@link #compose}; its pieces are read with {@link #read}. */
  public boolean isComposed(String id) {
    return Files.isDirectory(pathOf(id));
  }

  /**
   * Begins a read of a composed blob. Its pieces are opened as the read reaches them, one at a
   * time; a deletion meanwhile moves them to {@code deleted/}, where the read finds them, and a
   * sweep keeps them while the read is open.
   *
   * @throws NoSuchFileException when the blob is deleted
   */
  public ComposedRead read(String id) throws IOException {
    Path folder = pathOf(id);
    // The claim first: a deletion after the check below moves a blob the sweep then keeps.
    LockedFile claim = reads.begin(id);
    if (!Files.isDirectory(folder)) {
      claim.close();
      throw new NoSuchFileException(folder.toString());
    }
    return new ComposedRead(id, folder, claim);
  }

  /** A read of a composed blob in progress; {@link #close} ends it. */
  public final class ComposedRead implements Closeable {
    private final String id;
    private final LockedFile claim;
    private Path folder;
    private int openIndex = -1;
    private @Nullable FileChannel open;
    private boolean closed;

    private ComposedRead(String id, Path folder, LockedFile claim) {
      this.id = id;
      this.folder = folder;
      this.claim = claim;
    }

    /** Piece {@code index}, open; the piece opened before it is closed. */
    public FileChannel piece(int index) throws IOException {
      if (closed) {
        throw new IOException("The read of blob " + id + " is closed");
      }
      if (index != openIndex || open == null) {
        closePiece();
        open = openPiece(Integer.toString(index));
        openIndex = index;
      }
      return open;
    }

    private FileChannel openPiece(String name) throws IOException {
      try {
        return FileChannel.open(folder.resolve(name), StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        Path moved = findDeleted(id);
        if (moved == null || moved.equals(folder)) {
          throw e;
        }
        folder = moved;
        return FileChannel.open(folder.resolve(name), StandardOpenOption.READ);
      }
    }

    private void closePiece() throws IOException {
      if (open != null) {
        open.close();
        open = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      try {
        closePiece();
      } finally {
        claim.close();
      }
    }
  }

  public InputStream open(String id) throws IOException {
    return Files.newInputStream(pathOf(id));
  }

  public FileChannel channel(String id) throws IOException {
    return FileChannel.open(pathOf(id), StandardOpenOption.READ);
  }

  public long size(String id) throws IOException {
    return Files.size(pathOf(id));
  }

  public boolean exists(String id) {
    return Files.exists(pathOf(id));
  }

  /**
   * Deletes a blob: its files move to {@code deleted/<second>/}, where reads that began before find
   * them until a sweep removes them. Not fsynced: a blob that comes back after a crash is
   * referenced by nothing.
   */
  public void delete(String id) {
    Path blob = pathOf(id);
    Path target = deleted.resolve(Long.toString(Instant.now().getEpochSecond())).resolve(id);
    try {
      // The first deletion of this second makes its folder; the others find it. A blob already
      // gone stays gone: deleting is idempotent.
      if (!moved(blob, target) && Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(target.getParent());
        moved(blob, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renames {@code from} to {@code to}; false when either is missing its file or folder. */
  private static boolean moved(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException missing) {
      return false;
    }
  }

  /**
   * Deletes, as {@link #delete} does, every blob changed before {@code cutoff} that {@code
   * references} does not name: those a process left between renaming them and committing the row
   * that names them. The references are read before the walk; a row committed after that names a
   * blob changed after the cutoff, which the walk leaves alone.
   *
   * @return how many blobs were changed before the cutoff, and how many of them deleted
   */
  Reclaimed reclaim(Instant cutoff, BlobReferences references) throws IOException {
    Set<String> named = references.all();
    int old = 0;
    int deleted = 0;
    for (Path folder : children(root)) {
      for (Path entry : children(folder)) {
        List<Path> blobs =
            entry.getFileName().toString().length() == 2 && Files.isDirectory(entry)
                // A folder of the first layout's second level: its blobs are its files.
                ? children(entry)
                : List.of(entry);
        for (Path blob : blobs) {
          if (changedBefore(blob, cutoff)) {
            old++;
            String id = blob.getFileName().toString();
            if (!named.contains(id)) {
              delete(id);
              deleted++;
            }
          }
        }
      }
    }
    return new Reclaimed(old, deleted);
  }

  /** What a {@link #reclaim} did. */
  record Reclaimed(int changedBeforeCutoff, int deleted) {}

  /**
   * A rename changes the time of the entry it moves (its inode's change time, which every write
   * changes too), not the time its bytes were written: a blob written for an hour is as new as its
   * rename.
   */
  private static boolean changedBefore(Path blob, Instant cutoff) throws IOException {
    try {
      FileTime changed = (FileTime) Files.getAttribute(blob, "unix:ctime");
      return changed.toInstant().isBefore(cutoff);
    } catch (NoSuchFileException deletedMeanwhile) {
      return false;
    }
  }

  private static List<Path> children(Path folder) throws IOException {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.toList();
    } catch (NoSuchFileException gone) {
      return List.of();
    }
  }

  /** Where a deleted blob's files wait for the sweep; null if they are gone. */
  private @Nullable Path findDeleted(String id) throws IOException {
    try (Stream<Path> bins = Files.list(deleted)) {
      for (Path bin : bins.sorted(Comparator.reverseOrder()).toList()) {
        Path files = bin.resolve(id);
        if (Files.exists(files)) {
          return files;
        }
      }
    }
    return null;
  }

  Path pathOf(String id) {
    if (id.length() < 4 || id.contains("/") || id.contains("..")) {
      throw new IllegalArgumentException("Not a blob id: " + id);
    }
    if (id.indexOf('-') >= 0) {
      // The first layout: random UUIDs, two levels of folders.
      return root.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }
    return root.resolve(id.substring(0, 2)).resolve(id);
  }

  /** 2 hex digits of the minute (the folder), then 30 random ones. */
  private static String newId() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    random[0] = (byte) (System.currentTimeMillis() / 60_000);
    return HEX.formatHex(random);
  }

  /**
   * The fsyncs of a blob folder, created (and its entry in {@code blobs/} made durable) on first
   * use.
   */
  private FolderSync folder(Path folder) throws IOException {
    FolderSync sync = folders.get(folder);
    if (sync != null) {
      return sync;
    }
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      Durable.force(folder.getParent());
    }
    return folders.computeIfAbsent(folder, FolderSync::new);
  }

  /**
   * Group commit of a folder's fsync: a writer that has renamed a file into the folder waits for an
   * fsync that began after its rename, starting one itself when none is running. Writers that
   * arrive while one runs share the next one, so N concurrent renames cost about two fsyncs, not N.
   */
  private static final class FolderSync {
    private final Path folder;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long requested;
    private long completed;
    private boolean running;

    FolderSync(Path folder) {
      this.folder = folder;
    }

    /** Returns once an fsync of the folder that began after this call was entered has finished. */
    void force() throws IOException {
      long ticket;
      long target;
      lock.lock();
      try {
        ticket = ++requested;
        // A running fsync may have begun before this rename: wait for it, then run the next.
        while (running && completed < ticket) {
          done.awaitUninterruptibly();
        }
        if (completed >= ticket) {
          return;
        }
        running = true;
        target = requested;
      } finally {
        lock.unlock();
      }
      boolean forced = false;
      try {
        Durable.force(folder);
        forced = true;
      } finally {
        lock.lock();
        try {
          running = false;
          if (forced) {
            completed = Math.max(completed, target);
          }
          done.signalAll();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /**
   * Removes what a crash left in the temp folder. Several nodes may share the data folder, so a
   * temp file another node is writing right now must stay: only those untouched for {@link
   * #abandonedAfter} are a crash's.
   */
  private void removeAbandonedTempFiles(Instant now) throws IOException {
    FileTime cutoff = FileTime.from(now.minus(abandonedAfter));
    try (Stream<Path> leftovers = Files.list(temp)) {
      for (Path leftover : (Iterable<Path>) leftovers::iterator) {
        try {
          if (Files.getLastModifiedTime(leftover).compareTo(cutoff) < 0) {
            deleteTree(leftover);
          }
        } catch (NoSuchFileException finished) {
          // Its writer committed or removed it meanwhile.
        }
      }
    }
  }

  /**
   * Removes the files of blobs deleted at least {@link #abandonedAfter} ago, except those a process
   * sharing the folder is still reading. Nodes sharing the folder sweep the same seconds: what
   * another node removed first is simply gone. A read cannot begin on a blob already deleted, so
   * those being read when the sweep looks are all it must keep.
   */
  private void removeDeletedBlobs(Instant now) throws IOException {
    long before = now.minus(abandonedAfter).getEpochSecond();
    // Also when nothing is due: the claims of killed readers go.
    Set<String> read = reads.read(now);
    try (Stream<Path> bins = Files.list(deleted)) {
      for (Path bin : bins.toList()) {
        if (second(bin) < before) {
          removeBin(bin, read);
        }
      }
    }
  }

  private static void removeBin(Path bin, Set<String> read) throws IOException {
    boolean kept = false;
    try (Stream<Path> blobs = Files.list(bin)) {
      for (Path blob : blobs.toList()) {
        if (read.contains(blob.getFileName().toString())) {
          kept = true;
        } else {
          deleteTree(blob);
        }
      }
      if (!kept) {
        Files.deleteIfExists(bin);
      }
    } catch (NoSuchFileException | DirectoryNotEmptyException sweptElsewhere) {
      // Another node's sweep is removing the same second.
    }
  }

  /** The second a folder of {@code deleted/} gathers deletions of; anything else is never swept. */
  private static long second(Path bin) {
    try {
      return Long.parseLong(bin.getFileName().toString());
    } catch (NumberFormatException notABin) {
      return Long.MAX_VALUE;
    }
  }

  /** Deletes a file, or a folder of files (a composed blob); nothing there is fine. */
  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      try (Stream<Path> children = Files.list(path)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          Files.deleteIfExists(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }
}
