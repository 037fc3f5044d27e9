package ferry.s3;

import ferry.aws.Caller;
import ferry.s3.store.ServerKey;
import org.jspecify.annotations.Nullable;

/**
 * Each object's data key: made when the object is written and kept with it encrypted, under the
 * server key for SSE-S3 and by KMS, as the caller, for SSE-KMS.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html">SSE-KMS</a>
 */
final class DataKeys {
  private final ServerKey serverKey;

  DataKeys(ServerKey serverKey) {
    this.serverKey = serverKey;
  }

  /** A data key in the clear, with what is stored of it. */
  record DataKey(StoredEncryption stored, byte[] plaintext) {}

  /** A new data key for an object, by the requested encryption or the bucket's default. */
  DataKey create(
      Caller caller, Bucket bucket, String key, @Nullable ServerSideEncryption requested) {
    ServerSideEncryption encryption = requested == null ? bucket.defaultEncryption() : requested;
    if (encryption.isKms()) {
      throw S3Errors.notImplemented("x-amz-server-side-encryption: aws:kms");
    }
    byte[] plaintext = ServerKey.newDataKey();
    return new DataKey(
        new StoredEncryption(ServerSideEncryption.AES256, null, serverKey.wrap(plaintext), false),
        plaintext);
  }

  /** The data key of a stored object or upload, decrypted for this caller. */
  byte[] open(Caller caller, String objectArn, StoredEncryption stored) {
    if (stored.isKms()) {
      throw S3Errors.notImplemented("x-amz-server-side-encryption: aws:kms");
    }
    return serverKey.unwrap(stored.encryptedKey());
  }
}
