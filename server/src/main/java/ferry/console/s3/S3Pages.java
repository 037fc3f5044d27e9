package ferry.console.s3;

import ferry.aws.Caller;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.Links;
import ferry.console.web.Outcome;
import ferry.console.web.PrettyJson;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import ferry.s3.Bucket;
import ferry.s3.CanonicalUser;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.ListObjectsRequest;
import ferry.s3.ListObjectsResult;
import ferry.s3.ListVersionsRequest;
import ferry.s3.ObjectVersion;
import ferry.s3.PutObjectRequest;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import ferry.s3.StoredEncryption;
import ferry.s3.Versioning;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * S3 in the console: the bucket list, a bucket's settings and a prefix browser, an object's page,
 * upload and download, each read or written through {@link S3Service} as the signed-in caller.
 */
public final class S3Pages {
  private static final int PAGE_SIZE = 200;

  private final S3Service s3;
  private final Denials denials;

  public S3Pages(S3Service s3, Denials denials) {
    this.s3 = s3;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/s3", this::buckets),
        Route.get("/s3/buckets/{bucket}", this::bucket),
        Route.get("/s3/buckets/{bucket}/object", this::object),
        Route.get("/s3/buckets/{bucket}/download", this::download),
        Route.post("/s3/buckets/{bucket}/upload", this::upload));
  }

  public record BucketList(Outcome<List<Bucket>> buckets) {}

  /** A bucket's page: its settings (each as the caller may read it) and one level of its keys. */
  public record BucketPage(
      String name,
      Outcome<String> versioning,
      Outcome<String> encryption,
      Outcome<String> ownership,
      Outcome<String> policy,
      String prefix,
      List<Crumb> crumbs,
      Outcome<ListObjectsResult> listing) {}

  /** One step of a prefix's breadcrumbs: its label and the prefix it opens. */
  public record Crumb(String label, String prefix) {}

  /** An object's page: the version asked for, its owner, its tags and all versions of its key. */
  public record ObjectPage(
      String bucket,
      String key,
      @Nullable String versionId,
      Outcome<ObjectVersion> head,
      Outcome<Map<String, String>> tags,
      Outcome<List<ObjectVersion>> versions) {

    public String ownerCanonicalId() {
      return CanonicalUser.idOf(head.value().owner());
    }

    public String encryption() {
      StoredEncryption encryption = head.value().encryption();
      if (encryption == null) {
        return "None";
      }
      return switch (encryption.algorithm()) {
        case ServerSideEncryption.AWS_KMS -> "SSE-KMS (aws:kms)";
        case ServerSideEncryption.AES256 ->
            encryption.isCustomerKey() ? "SSE-C (AES256)" : "SSE-S3 (AES256)";
        default -> encryption.algorithm();
      };
    }

    public @Nullable String kmsKey() {
      StoredEncryption encryption = head.value().encryption();
      return encryption == null ? null : encryption.kmsKeyArn();
    }

    public boolean bucketKey() {
      StoredEncryption encryption = head.value().encryption();
      return encryption != null && encryption.bucketKeyEnabled();
    }
  }

  private Reply buckets(ConsoleRequest request) {
    Caller caller = request.caller();
    return Reply.page(
        "s3/buckets.jte", new BucketList(denials.attempt(() -> s3.buckets().listBuckets(caller))));
  }

  private Reply bucket(ConsoleRequest request) {
    Caller caller = request.caller();
    String name = request.parameter("bucket");
    String prefix = Objects.requireNonNullElse(request.query("prefix"), "");
    String after = Objects.requireNonNullElse(request.query("after"), "");
    var configuration = s3.configuration();
    // Listing first: a bucket that does not exist is a 404 page, not a page of errors.
    Outcome<ListObjectsResult> listing =
        denials.attempt(() ->
            s3.listings()
                .listObjects(caller, new ListObjectsRequest(name, prefix, "/", PAGE_SIZE, after)));
    return Reply.page(
        "s3/bucket.jte",
        new BucketPage(
            name,
            denials.attempt(() -> versioning(configuration.getBucketVersioning(caller, name))),
            denials.attempt(() -> encryption(configuration.getBucketEncryption(caller, name))),
            denials.attempt(
                () -> configuration.getBucketOwnershipControls(caller, name).wireName(),
                "None (ACLs decide)",
                "OwnershipControlsNotFoundError"),
            denials.attempt(
                () -> PrettyJson.of(configuration.getBucketPolicy(caller, name)),
                "",
                "NoSuchBucketPolicy"),
            prefix,
            crumbs(prefix),
            listing));
  }

  private Reply object(ConsoleRequest request) {
    Caller caller = request.caller();
    String bucket = request.parameter("bucket");
    String key = request.query("key");
    if (key == null || key.isEmpty()) {
      return Reply.page(404, "notfound.jte", request.path());
    }
    String versionId = request.query("versionId");
    Outcome<ObjectVersion> head =
        denials.attempt(() -> {
          GetObjectResult result =
              s3.objects().headObject(caller, new GetObjectRequest(bucket, key, versionId, null));
          close(result);
          return result.version();
        });
    Outcome<Map<String, String>> tags =
        denials.attempt(() -> s3.subresources().getObjectTagging(caller, bucket, key, versionId));
    Outcome<List<ObjectVersion>> versions =
        denials.attempt(() ->
            s3
                .listings()
                .listObjectVersions(
                    caller, new ListVersionsRequest(bucket, key, null, 1000, "", null))
                .versions()
                .stream()
                .filter(v -> v.key().equals(key))
                .toList());
    return Reply.page(
        "s3/object.jte", new ObjectPage(bucket, key, versionId, head, tags, versions));
  }

  private Reply download(ConsoleRequest request) {
    String bucket = request.parameter("bucket");
    String key = request.query("key");
    if (key == null || key.isEmpty()) {
      return Reply.page(404, "notfound.jte", request.path());
    }
    GetObjectResult result =
        s3.objects()
            .getObject(
                request.caller(),
                new GetObjectRequest(bucket, key, request.query("versionId"), null));
    String filename = key.substring(key.lastIndexOf('/') + 1);
    return new Reply.Download(
        result.version().contentType(),
        result.length(),
        filename.isEmpty() ? "object" : filename,
        result.body());
  }

  private Reply upload(ConsoleRequest request) {
    String bucket = request.parameter("bucket");
    ConsoleRequest.FilePart file = request.file("file");
    if (file == null || file.filename().isEmpty()) {
      return Reply.page(
          400,
          "error.jte",
          new ferry.console.web.ConsoleHandler.ErrorPage("No file", "Choose a file to upload."));
    }
    String prefix = Objects.requireNonNullElse(request.form("prefix"), "");
    String name = Objects.requireNonNullElse(request.form("key"), "").strip();
    String key = prefix + (name.isEmpty() ? file.filename() : name);
    s3.objects()
        .putObject(
            request.caller(),
            PutObjectRequest.of(
                bucket,
                key,
                new ByteArrayInputStream(file.content()),
                file.content().length,
                Map.of("Content-Type", file.contentType()),
                null));
    return Reply.redirect(
        "/s3/buckets/" + Links.segment(bucket) + "/object?key=" + Links.query(key));
  }

  private static String versioning(@Nullable Versioning versioning) {
    return versioning == null ? "Never enabled" : versioning.wireName();
  }

  private static String encryption(ServerSideEncryption encryption) {
    String algorithm =
        encryption.isKms()
            ? "SSE-KMS"
                + (encryption.kmsKeyId() == null ? " (aws/s3)" : " with " + encryption.kmsKeyId())
            : "SSE-S3 (AES256)";
    return encryption.bucketKeyEnabled() ? algorithm + ", bucket key on" : algorithm;
  }

  private static List<Crumb> crumbs(String prefix) {
    var crumbs = new java.util.ArrayList<Crumb>();
    int from = 0;
    for (int slash = prefix.indexOf('/'); slash >= 0; slash = prefix.indexOf('/', from)) {
      crumbs.add(new Crumb(prefix.substring(from, slash + 1), prefix.substring(0, slash + 1)));
      from = slash + 1;
    }
    return crumbs;
  }

  private static void close(GetObjectResult result) {
    try {
      result.body().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
