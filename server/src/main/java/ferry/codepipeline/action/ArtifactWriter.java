package ferry.codepipeline.action;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.engine.ActionFailure;
import ferry.s3.AccessControlList;
import ferry.s3.BodyIntegrity;
import ferry.s3.PutObjectRequest;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
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
   * Stores one artifact, SSE-KMS encrypted with the store's {@code encryptionKey} or, without one,
   * with the account's AWS managed {@code aws/s3} key, as CodePipeline does: another account cannot
   * decrypt that one, which is why a cross-account deploy needs a customer managed key.
   */
  void write(Caller caller, ArtifactStore store, String key, InputStream body, long length)
      throws ActionFailure {
    try {
      s3.objects()
          .putObject(
              caller,
              new PutObjectRequest(
                  store.location(),
                  key,
                  body,
                  length,
                  Map.of("Content-Type", "application/zip"),
                  BodyIntegrity.NONE,
                  AccessControlList.NONE,
                  Map.of(),
                  new ServerSideEncryption(
                      ServerSideEncryption.AWS_KMS,
                      store.encryptionKey() == null ? null : store.encryptionKey().id(),
                      false),
                  null,
                  null));
    } catch (AwsException e) {
      throw S3Failures.of(e, store.location());
    }
  }
}
