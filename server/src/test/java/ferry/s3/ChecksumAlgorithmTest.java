package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of wire.md §4.3.4 (hello\n) and of the empty input. */
class ChecksumAlgorithmTest {

  @ParameterizedTest(name = "{0} of \"{1}\" is {2}")
  @CsvSource({
    "CRC32, 'hello\n', NjowIA==",
    "CRC32C, 'hello\n', NT3Yvg==",
    "CRC64NVME, 'hello\n', akP7S61aVgc=",
    "CRC32, '', AAAAAA==",
    "CRC32C, '', AAAAAA==",
    "CRC64NVME, '', AAAAAAAAAAA=",
    "SHA256, '', 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
  })
  void checksumOf(ChecksumAlgorithm algorithm, String text, String expected) {
    byte[] bytes = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    ChecksumAlgorithm.Running running = algorithm.start();
    running.update(bytes, 0, bytes.length);
    assertThat(running.base64()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "CRC-64/NVME check value")
  @CsvSource({"123456789, AE8B14860A799888"})
  void crc64Nvme_checkValue(String text, String hex) {
    ChecksumAlgorithm.Running running = ChecksumAlgorithm.CRC64NVME.start();
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    running.update(bytes, 0, bytes.length);
    assertThat(java.util.HexFormat.of().withUpperCase().formatHex(running.value())).isEqualTo(hex);
  }

  @ParameterizedTest(name = "{0}: {1} bytes then {2} bytes")
  @CsvSource({
    "CRC32, 0, 0",
    "CRC32, 0, 7",
    "CRC32, 5, 0",
    "CRC32, 1, 1",
    "CRC32, 1000, 3",
    "CRC32, 5242880, 1048577",
    "CRC32C, 0, 9",
    "CRC32C, 17, 4096",
    "CRC32C, 5242880, 12345",
    "CRC64NVME, 0, 1",
    "CRC64NVME, 8, 8",
    "CRC64NVME, 65537, 31",
    "CRC64NVME, 5242880, 5242881",
  })
  void combine_givesTheChecksumOfTheJoinedBytes(
      ChecksumAlgorithm algorithm, int firstLength, int secondLength) {
    java.util.Random random = new java.util.Random(firstLength * 31L + secondLength);
    byte[] first = new byte[firstLength];
    byte[] second = new byte[secondLength];
    random.nextBytes(first);
    random.nextBytes(second);
    ChecksumAlgorithm.Running whole = algorithm.start();
    whole.update(first, 0, first.length);
    whole.update(second, 0, second.length);

    byte[] combined = algorithm.combine(of(algorithm, first), of(algorithm, second), secondLength);

    assertThat(combined).isEqualTo(whole.value());
  }

  private static byte[] of(ChecksumAlgorithm algorithm, byte[] bytes) {
    ChecksumAlgorithm.Running running = algorithm.start();
    running.update(bytes, 0, bytes.length);
    return running.value();
  }
}
