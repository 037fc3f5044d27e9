package ferry.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims blobs that nothing refers to. A write renames its blob into {@code blobs/} and then
 * commits the row that names it, so a process that ends between the two (killed, or its host lost)
 * leaves a blob no row will ever name; so does a deletion that a power loss undoes. Only a process
 * that ended without closing leaves them, which its {@link Lifeline} shows. Once every write that
 * could still commit a row naming such a blob is past ({@link BlobFiles#abandonedAfter()} after the
 * end was found), the blobs changed before then that no row names are deleted as any blob is, into
 * {@code deleted/}.
 */
public final class UnreferencedBlobs {
  private static final Logger LOG = LoggerFactory.getLogger(UnreferencedBlobs.class);

  private final BlobFiles blobs;
  private final BlobReferences references;
  private final Lifeline lifeline;

  public UnreferencedBlobs(BlobFiles blobs, BlobReferences references, Lifeline lifeline) {
    this.blobs = blobs;
    this.references = references;
    this.lifeline = lifeline;
  }

  /**
   * Finds the processes that ended without closing, and reclaims what those found at least {@link
   * BlobFiles#abandonedAfter()} ago left.
   *
   * @return how many blobs were reclaimed
   */
  public int sweep() {
    try {
      return sweep(Instant.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #sweep()} as it would run at {@code now}. */
  int sweep(Instant now) throws IOException {
    lifeline.findEnded(now);
    // A write commits its row within abandonedAfter of renaming its blob (longer than any client
    // waits), so a blob changed before the cutoff that no row names will never be named.
    Instant cutoff = now.minus(blobs.abandonedAfter());
    List<Path> covered = lifeline.endsFoundBefore(cutoff);
    if (covered.isEmpty()) {
      return 0;
    }
    long start = System.nanoTime();
    BlobFiles.Reclaimed reclaimed = blobs.reclaim(cutoff, references);
    LOG.info(
        "Reclaimed {} of {} blobs, which nothing refers to, in {} ms: left by {} processes that"
            + " ended without closing",
        reclaimed.deleted(),
        reclaimed.changedBeforeCutoff(),
        (System.nanoTime() - start) / 1_000_000,
        covered.size());
    for (Path mark : covered) {
      Files.deleteIfExists(mark);
    }
    return reclaimed.deleted();
  }
}
