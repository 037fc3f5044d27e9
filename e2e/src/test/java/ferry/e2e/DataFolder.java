package ferry.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a test reads in a Ferry data folder after a crash: its blobs and its lifelines. */
final class DataFolder {
  private DataFolder() {}

  /** The ids of the blobs under {@code blobs/}: each file, or composed blob's folder, is one. */
  static List<String> blobs(Path data) throws IOException {
    List<String> ids = new ArrayList<>();
    try (Stream<Path> folders = Files.list(data.resolve("blobs"))) {
      for (Path folder : folders.toList()) {
        try (Stream<Path> entries = Files.list(folder)) {
          entries.forEach(entry -> ids.add(entry.getFileName().toString()));
        }
      }
    }
    return ids;
  }

  /**
   * Waits until the running node has found the killed node's lifeline and reclaimed what it left:
   * one lifeline left (its own), and no mark of an unclean end waiting.
   *
   * @return whether that happened within {@code most}
   */
  static boolean awaitUncleanEndsReclaimed(Path data, Duration most) throws Exception {
    long deadline = System.nanoTime() + most.toNanos();
    while (System.nanoTime() < deadline) {
      if (files(data.resolve("lifelines")) == 1 && files(data.resolve("lifelines/ended")) == 0) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static long files(Path folder) throws IOException {
    try (Stream<Path> listed = Files.list(folder)) {
      return listed.filter(Files::isRegularFile).count();
    }
  }
}
