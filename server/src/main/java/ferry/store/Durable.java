package ferry.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Making what is on disk survive a power loss. */
final class Durable {
  private Durable() {}

  /**
   * Makes a file's bytes, or a folder's entries, durable: fsync, which Linux allows on a descriptor
   * opened only for reading.
   */
  static void force(Path fileOrFolder) throws IOException {
    try (FileChannel channel = FileChannel.open(fileOrFolder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
