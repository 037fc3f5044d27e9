package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder Ferry cannot write stops the start with one sentence naming the folder and the
 * reason. Full and read-only disks are real ones: a small tmpfs, where {@code mount} is allowed.
 */
class DataFolderExceptionTest {
  @TempDir Path dir;
  private Path mounted;

  private static Ferry start(Path data) throws Exception {
    return Ferry.start(FerryConfig.defaults(data).withPort(0));
  }

  /** A tmpfs of this size at a new folder, or the test is skipped where mounting is refused. */
  private Path tmpfs(String options) throws Exception {
    Path point = Files.createDirectory(dir.resolve("disk"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", point.toString())
            .redirectErrorStream(true)
            .start();
    mount.getInputStream().readAllBytes();
    assumeTrue(mount.waitFor() == 0, "mount is not allowed here");
    mounted = point;
    return point;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  /** Fills the disk under the folder until the next write fails. */
  private static void fill(Path folder) throws IOException {
    try (OutputStream out = Files.newOutputStream(folder.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      assertThat(full).hasMessageContaining("No space left on device");
    }
  }

  @Test
  void aFileWhereTheFolderShouldBe() throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "not a folder");

    assertThatThrownBy(() -> start(file))
        .isInstanceOf(DataFolderException.class)
        .hasMessage("the data folder " + file + " is a file, not a folder");
    assertThat(Files.readString(file)).isEqualTo("not a folder");
  }

  @Test
  void aFileInTheFoldersPath() throws Exception {
    Path file = Files.writeString(dir.resolve("data"), "not a folder");

    assertThatThrownBy(() -> start(file.resolve("ferry")))
        .isInstanceOf(DataFolderException.class)
        .hasMessage(
            "the data folder " + file.resolve("ferry") + " cannot be written: Not a directory");
  }

  @Test
  void aFullDisk_beforeTheStart() throws Exception {
    Path disk = tmpfs("size=256k");
    Path data = Files.createDirectory(disk.resolve("data"));
    fill(disk);

    assertThatThrownBy(() -> start(data))
        .isInstanceOf(DataFolderException.class)
        .hasMessage("the data folder " + data + " is on a full disk");
  }

  @Test
  void aDiskThatFillsDuringTheStart_andAStartOnceThereIsRoom() throws Exception {
    // Room for the probe and the TLS material, not for the database and its journal.
    Path data = tmpfs("size=64k").resolve("data");

    assertThatThrownBy(() -> start(data))
        .isInstanceOf(DataFolderException.class)
        .hasMessage("the data folder " + data + " is on a full disk");

    new ProcessBuilder("mount", "-o", "remount,size=64m", mounted.toString())
        .inheritIO()
        .start()
        .waitFor();
    try (Ferry ferry = start(data)) {
      assertThat(ferry.rootCredentials()).hasSize(2);
    }
  }

  @Test
  void aReadOnlyDisk() throws Exception {
    Path disk = tmpfs("size=1m,ro");

    assertThatThrownBy(() -> start(disk))
        .isInstanceOf(DataFolderException.class)
        .hasMessage("the data folder " + disk + " is on a read-only file system");
    assertThatThrownBy(() -> start(disk.resolve("data")))
        .isInstanceOf(DataFolderException.class)
        .hasMessage("the data folder " + disk.resolve("data") + " is on a read-only file system");
  }
}
