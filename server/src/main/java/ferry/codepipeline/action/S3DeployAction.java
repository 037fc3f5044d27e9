package ferry.codepipeline.action;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ActionTypeId;
import ferry.codepipeline.ArtifactLocation;
import ferry.codepipeline.engine.ActionFailure;
import ferry.codepipeline.engine.ActionJob;
import ferry.codepipeline.engine.ActionProvider;
import ferry.codepipeline.engine.ActionResult;
import ferry.s3.AccessControlList;
import ferry.s3.BodyIntegrity;
import ferry.s3.CannedAcl;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.PutObjectRequest;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The S3 deploy action: reads the input artifact as the action's session (the action role's, when
 * it has one) and writes it to the target bucket — as one object, or, with Extract, one object per
 * file of the zip — so the objects belong to the writing session's account.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-S3Deploy.html">Amazon
 *     S3 deploy action reference</a>
 */
public final class S3DeployAction implements ActionProvider {
  /** Files put side by side (see {@link ConcurrentPuts}); a bigger one is put alone, streamed. */
  private static final int PUTS_AT_ONCE = 8;

  private static final int BUFFERED_FILE = 1 << 20;

  private final S3Service s3;
  private final Path workDir;
  private final ZipLimits limits;

  public S3DeployAction(S3Service s3, Path workDir, ZipLimits limits) {
    this.s3 = s3;
    this.workDir = workDir;
    this.limits = limits;
  }

  @Override
  public ActionTypeId type() {
    return ActionTypeId.S3_DEPLOY;
  }

  @Override
  public ActionResult run(ActionJob job) throws ActionFailure {
    Map<String, String> configuration = job.configuration();
    String bucket = configuration.get("BucketName");
    boolean extract = "true".equalsIgnoreCase(configuration.get("Extract"));
    String objectKey = configuration.get("ObjectKey");
    ArtifactLocation input = job.inputArtifacts().getFirst();
    Caller caller = job.caller();
    GetObjectResult artifact;
    try {
      artifact =
          s3.objects()
              .getObject(caller, new GetObjectRequest(input.bucket(), input.key(), null, null));
    } catch (AwsException e) {
      throw S3Failures.of(e, input.bucket());
    }
    if (!extract) {
      try (InputStream body = artifact.body()) {
        job.claim().check();
        put(caller, bucket, objectKey, body, artifact.length(), configuration);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return result(1, bucket, objectKey);
    }
    String prefix = objectKey == null || objectKey.isEmpty() ? "" : stripSlash(objectKey) + "/";
    Path zip = download(artifact);
    try {
      ZipArchive archive = ZipArchive.check(zip, limits);
      try (var puts = new ConcurrentPuts(PUTS_AT_ONCE)) {
        archive.extract((entry, bytes) -> {
          // Checked before each object: a node stalled past its lease starts no more puts once
          // another node failed the action as interrupted, and a retry may be deploying.
          job.claim().check();
          String key = prefix + entry.path();
          if (entry.size() > BUFFERED_FILE) {
            puts.finish();
            put(caller, bucket, key, bytes, entry.size(), configuration);
            return;
          }
          byte[] file = read(bytes);
          puts.submit(
              key,
              () ->
                  put(
                      caller,
                      bucket,
                      key,
                      new ByteArrayInputStream(file),
                      file.length,
                      configuration));
        });
        puts.finish();
      }
      return result(archive.entries().size(), bucket, prefix);
    } finally {
      try {
        Files.deleteIfExists(zip);
      } catch (IOException ignored) {
        // A leftover temp file in the work folder is harmless; it holds no secret beyond the
        // artifact the action already read.
      }
    }
  }

  private static byte[] read(InputStream entry) throws ActionFailure {
    try {
      return entry.readAllBytes();
    } catch (IOException e) {
      throw ActionFailure.jobFailed("The input artifact could not be read: " + e.getMessage());
    }
  }

  private Path download(GetObjectResult artifact) {
    try (InputStream body = artifact.body()) {
      Files.createDirectories(workDir);
      Path temp = Files.createTempFile(workDir, "deploy-", ".zip");
      Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
      return temp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(
      Caller caller,
      String bucket,
      String key,
      InputStream body,
      long length,
      Map<String, String> configuration)
      throws ActionFailure {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", ContentTypes.of(key));
    String cacheControl = configuration.get("CacheControl");
    if (cacheControl != null) {
      headers.put("Cache-Control", cacheControl);
    }
    String kmsKey = configuration.get("KMSEncryptionKeyARN");
    String acl = configuration.get("CannedACL");
    CannedAcl canned = acl == null ? null : CannedAcl.fromWire(acl);
    try {
      s3.objects()
          .putObject(
              caller,
              new PutObjectRequest(
                  bucket,
                  key,
                  body,
                  length,
                  headers,
                  BodyIntegrity.NONE,
                  canned == null ? AccessControlList.NONE : AccessControlList.canned(canned),
                  Map.of(),
                  kmsKey == null
                      ? null
                      : new ServerSideEncryption(ServerSideEncryption.AWS_KMS, kmsKey, false),
                  null,
                  null));
    } catch (AwsException e) {
      throw S3Failures.of(e, bucket);
    }
  }

  private static ActionResult result(int count, String bucket, @Nullable String prefix) {
    return new ActionResult(
        List.of(),
        Map.of(),
        "Deployed " + count + " object(s) to s3://" + bucket + "/" + (prefix == null ? "" : prefix),
        null,
        false);
  }

  private static String stripSlash(String key) {
    return key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
  }
}
