package ferry.protocol.restxml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3AddressTest {

  @ParameterizedTest(name = "{0} {1} -> bucket {2}, key {3}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "127.0.0.1:4566, /, NULL, NULL",
        "127.0.0.1:4566, /bucket, bucket, NULL",
        "127.0.0.1:4566, /bucket/, bucket, NULL",
        "127.0.0.1:4566, /bucket/a/b.txt, bucket, a/b.txt",
        "127.0.0.1:4566, /bucket/dir/a%20b%2Bc~%281%29.zip, bucket, dir/a b+c~(1).zip",
        "127.0.0.1:4566, /bucket/plus+stays, bucket, plus+stays",
        "127.0.0.1:4566, /bucket/a%2Fb, bucket, a/b",
        "127.0.0.1:4566, /bucket//double, bucket, /double",
        "my-bucket.localhost:4566, /, my-bucket, NULL",
        "my-bucket.localhost:4566, /k/v, my-bucket, k/v",
        "my-bucket.s3.localhost, /k, my-bucket, k",
        "localhost:4566, /bucket/k, bucket, k",
      })
  void pathStyleAndVirtualHostedStyle(String host, String path, String bucket, String key) {
    S3Address address = S3Address.of(host, path);
    assertThat(address.bucket()).isEqualTo(bucket);
    assertThat(address.key()).isEqualTo(key);
  }
}
