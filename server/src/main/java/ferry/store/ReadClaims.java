package ferry.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The composed blobs being read by any process sharing the data folder. A read opens a composed
 * blob's pieces one at a time as it reaches them (an object of 10,000 parts would otherwise hold
 * 10,000 descriptors), so the pieces must stay until it ends, whichever node deleted the blob: each
 * read holds a claim, a {@link LockedFile} under {@code reading/} named by the blob, and the sweep
 * of deleted blobs keeps those with a claim held.
 */
final class ReadClaims {
  private static final char SEPARATOR = '~';

  private final Path folder;

  ReadClaims(Path dataDir) throws IOException {
    this.folder = Files.createDirectories(dataDir.resolve("reading"));
  }

  /** A claim on the blob for a read that begins; closing it ends the read. */
  LockedFile begin(String id) throws IOException {
    return LockedFile.create(folder.resolve(id + SEPARATOR + UUID.randomUUID()));
  }

  /**
   * The blobs some process is reading at {@code now}. The claims of processes that ended without
   * closing them are removed.
   */
  Set<String> read(Instant now) throws IOException {
    Set<String> read = new HashSet<>();
    try (Stream<Path> claims = Files.list(folder)) {
      for (Path claim : claims.toList()) {
        String name = claim.getFileName().toString();
        int separator = name.indexOf(SEPARATOR);
        if (separator < 0) {
          continue;
        }
        if (LockedFile.isHeld(claim, now)) {
          read.add(name.substring(0, separator));
        } else {
          Files.deleteIfExists(claim);
        }
      }
    }
    return read;
  }
}
