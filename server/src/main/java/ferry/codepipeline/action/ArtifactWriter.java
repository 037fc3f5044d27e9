package ferry.codepipeline.action;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.engine.ActionFailure;
import ferry.s3.PutObjectRequest;
import ferry.s3.S3Service;
import java.io.InputStream;
import java.util.Map;

/**
 * Writes output artifacts into a pipeline's artifact store with an ordinary S3 PutObject as the
 * acting session, so the artifact bucket's policy and the store's key policy decide.
 */
public final class ArtifactWriter {
  private final S3Service s3;

  public ArtifactWriter(S3Service s3) {
    this.s3 = s3;
  }

  S3Service s3() {
    return s3;
  }

  /**
   * Stores one artifact. Encryption: the store's {@code encryptionKey} becomes SSE-KMS once S3's
   * PutObjectRequest carries server-side encryption parameters (branch s3).
   */
  void write(Caller caller, ArtifactStore store, String key, InputStream body, long length)
      throws ActionFailure {
    try {
      s3.putObject(
          caller,
          new PutObjectRequest(
              store.location(),
              key,
              body,
              length,
              Map.of("Content-Type", "application/zip"),
              null));
    } catch (AwsException e) {
      throw S3Failures.of(e, store.location());
    }
  }
}
