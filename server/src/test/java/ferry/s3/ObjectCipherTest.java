package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCipherTest {
  @TempDir Path dir;
  final byte[] key = new byte[32];

  @Test
  void anyRange_ofTwoConcatenatedSegments_decryptsToThePlaintext() throws IOException {
    new Random(1).nextBytes(key);
    byte[] first = random(ObjectCipher.CHUNK * 2 + 123, 2);
    byte[] second = random(ObjectCipher.CHUNK + 1, 3);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (OutputStream out = ObjectCipher.encrypting(stored, key, 11)) {
      out.write(first);
    }
    assertThat(stored.size()).isEqualTo(ObjectCipher.encryptedSize(first.length));
    try (OutputStream out = ObjectCipher.encrypting(stored, key, 22)) {
      out.write(second);
    }
    Path file = dir.resolve("blob");
    Files.write(file, stored.toByteArray());
    byte[] all = ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    List<Segment> segments = List.of(new Segment(11, first.length), new Segment(22, second.length));
    for (long[] range :
        new long[][] {
          {0, all.length},
          {5, 10},
          {ObjectCipher.CHUNK - 3, 7},
          {first.length - 2, 5},
          {first.length + ObjectCipher.CHUNK - 1, 2},
          {ObjectCipher.CHUNK + 1, all.length - ObjectCipher.CHUNK - 1}
        }) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
          InputStream in =
              ObjectCipher.decrypting(
                  ObjectCipher.SegmentFiles.oneFile(channel), key, segments, range[0], range[1])) {
        assertThat(in.readAllBytes())
            .isEqualTo(Arrays.copyOfRange(all, (int) range[0], (int) (range[0] + range[1])));
      }
    }
  }

  @Test
  void writesOfAnySize_sealTheSameBytes_asOneWrite() throws IOException {
    new Random(5).nextBytes(key);
    byte[] plain = random(ObjectCipher.CHUNK * 9 + 77, 6);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (OutputStream out = ObjectCipher.encrypting(whole, key, 7)) {
      out.write(plain);
    }
    ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    Random sizes = new Random(8);
    try (OutputStream out = ObjectCipher.encrypting(pieces, key, 7)) {
      int at = 0;
      while (at < plain.length) {
        int n =
            Math.min(
                plain.length - at,
                sizes.nextBoolean() ? sizes.nextInt(100) : sizes.nextInt(3 * ObjectCipher.CHUNK));
        out.write(plain, at, n);
        at += n;
      }
    }
    assertThat(pieces.toByteArray()).isEqualTo(whole.toByteArray());
    assertThat(whole.size()).isEqualTo(ObjectCipher.encryptedSize(plain.length));
  }

  @Test
  void aDamagedByte_failsToDecrypt() throws IOException {
    byte[] plain = random(1000, 4);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (OutputStream out = ObjectCipher.encrypting(stored, key, 1)) {
      out.write(plain);
    }
    byte[] damaged = stored.toByteArray();
    damaged[10] ^= 1;
    Path file = dir.resolve("damaged");
    Files.write(file, damaged);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        InputStream in =
            ObjectCipher.decrypting(
                ObjectCipher.SegmentFiles.oneFile(channel),
                key,
                List.of(new Segment(1, 1000)),
                0,
                1000)) {
      assertThatThrownBy(in::readAllBytes).hasMessageContaining("do not decrypt");
    }
  }

  @Test
  void streamsClosedTwice_giveTheirBuffersBackOnce_soStreamsOpenedAfterNeverShareOne()
      throws IOException {
    new Random(7).nextBytes(key);
    byte[] one = random(ObjectCipher.CHUNK * 3 + 5, 8);
    byte[] two = random(ObjectCipher.CHUNK * 3 + 5, 9);
    Path first = store("first", one, 1);
    Path second = store("second", two, 2);
    for (int i = 0; i < 3; i++) {
      InputStream in = open(first, one.length);
      in.readAllBytes();
      in.close();
      in.close();
      assertThat(in.read()).isEqualTo(-1);
    }
    // Two streams read in turn, a piece of a chunk at a time: a buffer lent to both would mix
    // their bytes.
    try (InputStream a = open(first, one.length);
        InputStream b = open(second, two.length)) {
      ByteArrayOutputStream readA = new ByteArrayOutputStream();
      ByteArrayOutputStream readB = new ByteArrayOutputStream();
      byte[] piece = new byte[1000];
      int n;
      while ((n = a.read(piece)) > 0) {
        readA.write(piece, 0, n);
        readB.write(piece, 0, Math.max(0, b.read(piece)));
      }
      readB.write(b.readAllBytes());
      assertThat(Arrays.mismatch(readA.toByteArray(), one)).as("first byte wrong").isEqualTo(-1);
      assertThat(Arrays.mismatch(readB.toByteArray(), two)).as("first byte wrong").isEqualTo(-1);
    }
  }

  @Test
  void aSealedStream_refusesMoreBytes_andClosesTwiceWithoutWritingAgain() throws IOException {
    new Random(10).nextBytes(key);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    OutputStream out = ObjectCipher.encrypting(stored, key, 3);
    out.write(random(100, 11));
    out.close();
    out.close();
    assertThat(stored.size()).isEqualTo(ObjectCipher.encryptedSize(100));
    assertThatThrownBy(() -> out.write(new byte[1]))
        .isInstanceOf(IOException.class)
        .hasMessage("The object's bytes were already sealed");
  }

  private Path store(String name, byte[] plain, long segment) throws IOException {
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try (OutputStream out = ObjectCipher.encrypting(stored, key, segment)) {
      out.write(plain);
    }
    return Files.write(dir.resolve(name), stored.toByteArray());
  }

  private InputStream open(Path file, int length) throws IOException {
    long segment = file.getFileName().toString().equals("first") ? 1 : 2;
    return ObjectCipher.decrypting(
        ObjectCipher.SegmentFiles.oneFile(FileChannel.open(file, StandardOpenOption.READ)),
        key,
        List.of(new Segment(segment, length)),
        0,
        length);
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
