package ferry.codepipeline.action;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.ArtifactStore;
import ferry.codepipeline.SourceRevision;
import ferry.codepipeline.engine.ActionFailure;
import ferry.codepipeline.engine.ActionJob;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.ActionResult;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.ObjectVersion;
import ferry.s3.Versioning;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The S3 source action: reads a version of the watched object as the pipeline's session and copies
 * it, unchanged, into the artifact store under {@code <pipeline>/<artifact>/<random id>}.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-S3.html">Amazon
 *     S3 source action reference</a>
 */
public final class S3SourceAction implements ActionProvider {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ArtifactWriter artifacts;

  public S3SourceAction(ArtifactWriter artifacts) {
    this.artifacts = artifacts;
  }

  @Override
  public ActionTypeId type() {
    return ActionTypeId.S3_SOURCE;
  }

  @Override
  public ActionResult run(ActionJob job) throws ActionFailure {
    String bucketName = job.configuration().get("S3Bucket");
    String key = job.configuration().get("S3ObjectKey");
    Caller caller = job.caller();
    Versioning versioning;
    try {
      versioning = artifacts.s3().configuration().getBucketVersioning(caller, bucketName);
    } catch (AwsException e) {
      throw S3Failures.of(e, bucketName);
    }
    if (versioning != Versioning.ENABLED) {
      throw new ActionFailure(
          "PermissionError",
          "The provided role does not have permissions to perform this action. Bucket '"
              + bucketName
              + "' does not have versioning enabled; an S3 source action requires a versioned"
              + " bucket.");
    }
    GetObjectResult object;
    try {
      object =
          artifacts
              .s3()
              .objects()
              .getObject(caller, new GetObjectRequest(bucketName, key, job.sourceRevision(), null));
    } catch (AwsException e) {
      if (e.code().equals("NoSuchKey") || e.code().equals("NoSuchVersion")) {
        throw ActionFailure.jobFailed("The object with key '" + key + "' does not exist.");
      }
      throw S3Failures.of(e, bucketName);
    }
    String artifactName = job.action().outputArtifacts().getFirst();
    ArtifactStore store = job.artifactStore();
    String artifactKey = artifactKey(job.pipelineName(), artifactName);
    try (InputStream body = object.body()) {
      job.claim().check();
      artifacts.write(caller, store, artifactKey, body, object.length());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectVersion version = object.version();
    String etag = version.etag() == null ? "" : version.etag().replace("\"", "");
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("ETag", etag);
    variables.put("VersionId", version.versionId());
    String summary = version.headers().get("x-amz-meta-codepipeline-artifact-revision-summary");
    return new ActionResult(
        List.of(new ArtifactLocation(artifactName, store.location(), artifactKey)),
        variables,
        summary,
        new SourceRevision(
            job.action().name(),
            artifactName,
            version.versionId(),
            etag,
            summary,
            version.created()),
        false);
  }

  /** {@code <first 20 of pipeline>/<first 10 of artifact>/<7 random letters and digits>}. */
  static String artifactKey(String pipeline, String artifact) {
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return truncate(pipeline, 20) + "/" + truncate(artifact, 10) + "/" + id;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
