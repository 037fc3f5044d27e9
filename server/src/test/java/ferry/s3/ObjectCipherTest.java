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
          {0, all.length}, {5, 10}, {ObjectCipher.CHUNK - 3, 7}, {first.length - 2, 5}
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

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
