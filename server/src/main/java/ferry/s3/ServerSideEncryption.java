package ferry.s3;

import org.jspecify.annotations.Nullable;

/**
 * A server-side encryption choice: SSE-S3 ({@code AES256}) or SSE-KMS ({@code aws:kms}, with a key
 * id or, when none is given, the account's {@code aws/s3} key). As a bucket's default encryption it
 * also carries whether S3 Bucket Keys are on.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html">Server-side
 *     encryption</a>
 */
public record ServerSideEncryption(
    String algorithm, @Nullable String kmsKeyId, boolean bucketKeyEnabled) {
  public static final String AES256 = "AES256";
  public static final String AWS_KMS = "aws:kms";
  public static final ServerSideEncryption SSE_S3 = new ServerSideEncryption(AES256, null, false);

  public boolean isKms() {
    return algorithm.equals(AWS_KMS);
  }
}
