package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code aws s3 cp/sync/ls/rm} of a tree of 200 files and of a 200 MiB file, byte-identical. */
class S3CliTransferIT extends FerryPerClass {

  @BeforeAll
  static void start() throws Exception {
    dev.run("s3", "mb", "s3://transfer-bucket").assertOk();
  }

  @Test
  void treeOf200Files_copiesSyncsListsAndRemoves() throws Exception {
    Path tree = Files.createDirectories(work.resolve("tree"));
    Random random = new Random(3);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String name =
          "dir "
              + (i % 7)
              + "/sub+"
              + (i % 3)
              + "/file-"
              + i
              + (i % 5 == 0 ? " (copy).txt" : ".bin");
      Path file = tree.resolve(name);
      Files.createDirectories(file.getParent());
      byte[] bytes = new byte[random.nextInt(40_000)];
      random.nextBytes(bytes);
      Files.write(file, bytes);
      files.add(file);
    }
    dev.run("s3", "cp", "--recursive", tree.toString(), "s3://transfer-bucket/tree/").assertOk();
    String listing =
        dev.run("s3", "ls", "--recursive", "s3://transfer-bucket/tree/").assertOk().stdout();
    assertThat(listing.lines().count()).isEqualTo(200);
    assertThat(dev.run("s3", "ls", "s3://transfer-bucket/tree/").assertOk().stdout())
        .contains("PRE dir 0/")
        .contains("PRE dir 6/");

    Path back = work.resolve("back");
    dev.run("s3", "sync", "s3://transfer-bucket/tree/", back.toString()).assertOk();
    for (Path file : files) {
      assertThat(Files.mismatch(file, back.resolve(tree.relativize(file).toString())))
          .as(file.toString())
          .isEqualTo(-1);
    }

    // A second sync uploads only what changed.
    Files.writeString(files.get(17), "changed");
    String synced =
        dev.run("s3", "sync", tree.toString(), "s3://transfer-bucket/tree/").assertOk().stdout();
    assertThat(synced.lines().filter(line -> line.startsWith("upload:")).count()).isEqualTo(1);

    dev.run("s3", "rm", "--recursive", "s3://transfer-bucket/tree/").assertOk();
    assertThat(dev.run("s3", "ls", "--recursive", "s3://transfer-bucket/tree/").stdout()).isBlank();
  }

  @Test
  void file200MiB_goesUpInPartsAndComesBackByteIdentical() throws Exception {
    Path big = work.resolve("big.bin");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] chunk = new byte[1024 * 1024];
      Random random = new Random(4);
      for (int i = 0; i < 200; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    dev.run("s3", "cp", big.toString(), "s3://transfer-bucket/big.bin").assertOk();
    String head =
        dev.run("s3api", "head-object", "--bucket", "transfer-bucket", "--key", "big.bin")
            .assertOk()
            .stdout();
    assertThat(head).contains("\"ContentLength\": 209715200").containsPattern("-25\\\\\"\"");
    Path back = work.resolve("big-back.bin");
    dev.run("s3", "cp", "s3://transfer-bucket/big.bin", back.toString()).assertOk();
    assertThat(Files.mismatch(big, back)).isEqualTo(-1);
    dev.run("s3", "rm", "s3://transfer-bucket/big.bin").assertOk();
    deleteQuietly(big, back);
  }

  private static void deleteQuietly(Path... paths) throws IOException {
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
