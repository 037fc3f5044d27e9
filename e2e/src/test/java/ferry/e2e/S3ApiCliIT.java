package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every s3api call of the S3 issue, as the real aws CLI v2 sends it. */
class S3ApiCliIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String... arguments) throws Exception {
    String out = dev.run(arguments).assertOk().stdout();
    return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
  }

  /** {@code aws s3api <operation> --bucket <bucket> <options…>}, which must succeed. */
  private static void s3api(String operation, String bucket, String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("s3api", operation, "--bucket", bucket));
    arguments.addAll(List.of(options));
    dev.run(arguments.toArray(String[]::new)).assertOk();
  }

  private static void enableVersioning(String bucket) throws Exception {
    s3api("put-bucket-versioning", bucket, "--versioning-configuration", "Status=Enabled");
  }

  private static AwsCli.Result fails(String code, String... arguments) throws Exception {
    AwsCli.Result result = dev.run(arguments);
    assertThat(result.exitCode()).as(String.join(" ", arguments)).isNotZero();
    assertThat(result.stderr()).contains(code);
    return result;
  }

  @Test
  void buckets_andTheirSettings() throws Exception {
    String b = "api-bucket";
    dev.run("s3api", "create-bucket", "--bucket", b).assertOk();
    dev.run("s3api", "head-bucket", "--bucket", b).assertOk();
    assertThat(
            json("s3api", "get-bucket-location", "--bucket", b).path("LocationConstraint").isNull())
        .isTrue();
    assertThat(json("s3api", "list-buckets").path("Buckets").toString()).contains(b);

    AwsCli eu = dev.withEnvironment("AWS_DEFAULT_REGION", "eu-west-1");
    eu.run(
            "s3api",
            "create-bucket",
            "--bucket",
            "api-eu-bucket",
            "--create-bucket-configuration",
            "LocationConstraint=eu-west-1")
        .assertOk();
    assertThat(
            eu.run("s3api", "get-bucket-location", "--bucket", "api-eu-bucket").assertOk().stdout())
        .contains("eu-west-1");
    AwsCli.Result wrongRegion =
        eu.run(
            "s3api",
            "create-bucket",
            "--bucket",
            "api-eu-other",
            "--create-bucket-configuration",
            "LocationConstraint=eu-central-1");
    assertThat(wrongRegion.stderr()).contains("IllegalLocationConstraintException");
    assertThat(eu.run("s3api", "create-bucket", "--bucket", "api-eu-none").stderr())
        .contains("IllegalLocationConstraintException");
    fails(
        "BucketAlreadyOwnedByYou",
        "s3api",
        "--region",
        "eu-west-1",
        "create-bucket",
        "--bucket",
        "api-eu-bucket",
        "--create-bucket-configuration",
        "LocationConstraint=eu-west-1");
    AwsCli.Result taken =
        AwsCli.as(ferry, "prod").run("s3api", "create-bucket", "--bucket", "api-eu-bucket");
    assertThat(taken.stderr()).contains("BucketAlreadyExists");

    enableVersioning(b);
    assertThat(json("s3api", "get-bucket-versioning", "--bucket", b).path("Status").asText())
        .isEqualTo("Enabled");

    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":"
            + "\"arn:aws:s3:::api-bucket/*\"}]}";
    dev.run("s3api", "put-bucket-policy", "--bucket", b, "--policy", policy).assertOk();
    assertThat(json("s3api", "get-bucket-policy", "--bucket", b).path("Policy").asText())
        .isEqualTo(policy);
    assertThat(
            json("s3api", "get-bucket-policy-status", "--bucket", b)
                .path("PolicyStatus")
                .path("IsPublic")
                .asBoolean())
        .isFalse();
    fails(
        "MalformedPolicy",
        "s3api",
        "put-bucket-policy",
        "--bucket",
        b,
        "--policy",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
            + "\"Resource\":\"arn:aws:s3:::api-bucket/*\"}]}");
    dev.run("s3api", "delete-bucket-policy", "--bucket", b).assertOk();
    fails("NoSuchBucketPolicy", "s3api", "get-bucket-policy", "--bucket", b);

    assertThat(json("s3api", "get-bucket-ownership-controls", "--bucket", b).toString())
        .contains("BucketOwnerEnforced");
    assertThat(
            json("s3api", "get-bucket-acl", "--bucket", b)
                .path("Grants")
                .get(0)
                .path("Permission")
                .asText())
        .isEqualTo("FULL_CONTROL");
    fails(
        "AccessControlListNotSupported",
        "s3api",
        "put-bucket-acl",
        "--bucket",
        b,
        "--acl",
        "public-read");
    s3api(
        "put-bucket-ownership-controls",
        b,
        "--ownership-controls",
        "Rules=[{ObjectOwnership=ObjectWriter}]");
    dev.run("s3api", "put-bucket-acl", "--bucket", b, "--acl", "private").assertOk();
    dev.run("s3api", "delete-bucket-ownership-controls", "--bucket", b).assertOk();
    fails(
        "OwnershipControlsNotFoundError", "s3api", "get-bucket-ownership-controls", "--bucket", b);

    s3api(
        "put-bucket-encryption",
        b,
        "--server-side-encryption-configuration",
        "{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"AES256\"}}]}");
    assertThat(json("s3api", "get-bucket-encryption", "--bucket", b).toString()).contains("AES256");
    dev.run("s3api", "delete-bucket-encryption", "--bucket", b).assertOk();

    assertThat(json("s3api", "get-public-access-block", "--bucket", b).toString())
        .contains("\"BlockPublicAcls\":true");
    s3api(
        "put-public-access-block",
        b,
        "--public-access-block-configuration",
        "BlockPublicAcls=false,IgnorePublicAcls=false,BlockPublicPolicy=true,RestrictPublicBuckets=true");
    dev.run("s3api", "delete-public-access-block", "--bucket", b).assertOk();
    fails(
        "NoSuchPublicAccessBlockConfiguration", "s3api", "get-public-access-block", "--bucket", b);

    s3api(
        "put-bucket-notification-configuration",
        b,
        "--notification-configuration",
        "{\"EventBridgeConfiguration\":{}}");
    assertThat(
            json("s3api", "get-bucket-notification-configuration", "--bucket", b)
                .has("EventBridgeConfiguration"))
        .isTrue();

    Path one = Files.writeString(work.resolve("one.txt"), "1");
    dev.run("s3", "cp", one.toString(), "s3://api-eu-bucket/one.txt").assertOk();
    fails("BucketNotEmpty", "s3api", "delete-bucket", "--bucket", "api-eu-bucket");
  }

  @Test
  void objects_versions_aclsAndTags() throws Exception {
    String b = "api-objects";
    dev.run("s3api", "create-bucket", "--bucket", b, "--object-ownership", "ObjectWriter")
        .assertOk();
    enableVersioning(b);
    Path file = Files.writeString(work.resolve("hello.txt"), "hello world");
    JsonNode put =
        json(
            "s3api",
            "put-object",
            "--bucket",
            b,
            "--key",
            "dir/hello.txt",
            "--body",
            file.toString(),
            "--content-type",
            "text/plain",
            "--cache-control",
            "max-age=60",
            "--metadata",
            "colour=blue",
            "--tagging",
            "team=ops&env=dev");
    String v1 = put.path("VersionId").asText();
    assertThat(put.path("ServerSideEncryption").asText()).isEqualTo("AES256");
    JsonNode head = json("s3api", "head-object", "--bucket", b, "--key", "dir/hello.txt");
    assertThat(head.path("ContentType").asText()).isEqualTo("text/plain");
    assertThat(head.path("CacheControl").asText()).isEqualTo("max-age=60");
    assertThat(head.path("Metadata").path("colour").asText()).isEqualTo("blue");

    Path part = work.resolve("part.txt");
    JsonNode ranged =
        json(
            "s3api",
            "get-object",
            "--bucket",
            b,
            "--key",
            "dir/hello.txt",
            "--range",
            "bytes=0-4",
            "--response-content-type",
            "application/x-test",
            part.toString());
    assertThat(Files.readString(part)).isEqualTo("hello");
    assertThat(ranged.path("ContentType").asText()).isEqualTo("application/x-test");
    assertThat(ranged.path("TagCount").asInt()).isEqualTo(2);
    String etag = head.path("ETag").asText();
    assertThat(
            dev.run(
                    "s3api",
                    "get-object",
                    "--bucket",
                    b,
                    "--key",
                    "dir/hello.txt",
                    "--if-none-match",
                    etag,
                    work.resolve("x").toString())
                .stderr())
        .contains("304");
    fails(
        "PreconditionFailed",
        "s3api",
        "get-object",
        "--bucket",
        b,
        "--key",
        "dir/hello.txt",
        "--if-match",
        "\"nope\"",
        work.resolve("y").toString());

    json(
        "s3api",
        "copy-object",
        "--bucket",
        b,
        "--key",
        "copy.txt",
        "--copy-source",
        b + "/dir/hello.txt",
        "--metadata-directive",
        "REPLACE",
        "--content-type",
        "text/x-copy");
    assertThat(
            json("s3api", "head-object", "--bucket", b, "--key", "copy.txt")
                .path("ContentType")
                .asText())
        .isEqualTo("text/x-copy");

    assertThat(
            json("s3api", "get-object-tagging", "--bucket", b, "--key", "dir/hello.txt")
                .path("TagSet")
                .size())
        .isEqualTo(2);
    dev.run(
            "s3api",
            "put-object-tagging",
            "--bucket",
            b,
            "--key",
            "dir/hello.txt",
            "--tagging",
            "TagSet=[{Key=k,Value=v}]")
        .assertOk();
    dev.run("s3api", "delete-object-tagging", "--bucket", b, "--key", "dir/hello.txt").assertOk();
    assertThat(
            json("s3api", "get-object-tagging", "--bucket", b, "--key", "dir/hello.txt")
                .path("TagSet")
                .size())
        .isZero();

    // authenticated-read is public: Block Public Access (on for new buckets) refuses it first.
    fails(
        "AccessDenied",
        "s3api",
        "put-object-acl",
        "--bucket",
        b,
        "--key",
        "dir/hello.txt",
        "--acl",
        "authenticated-read");
    dev.run("s3api", "delete-public-access-block", "--bucket", b).assertOk();
    dev.run(
            "s3api",
            "put-object-acl",
            "--bucket",
            b,
            "--key",
            "dir/hello.txt",
            "--acl",
            "authenticated-read")
        .assertOk();
    assertThat(
            json("s3api", "get-object-acl", "--bucket", b, "--key", "dir/hello.txt")
                .path("Grants")
                .size())
        .isEqualTo(2);
    Path readBack = work.resolve("prod-read.txt");
    AwsCli.as(ferry, "prod")
        .run("s3api", "get-object", "--bucket", b, "--key", "dir/hello.txt", readBack.toString())
        .assertOk();

    assertThat(
            json("s3api", "list-objects", "--bucket", b, "--delimiter", "/")
                .path("CommonPrefixes")
                .get(0)
                .path("Prefix")
                .asText())
        .isEqualTo("dir/");
    // The CLI's paginator keeps only Contents and CommonPrefixes; KeyCount needs one raw page.
    JsonNode page =
        json("s3api", "list-objects-v2", "--bucket", b, "--prefix", "dir/", "--no-paginate");
    assertThat(page.path("KeyCount").asInt()).isEqualTo(1);
    assertThat(page.path("Contents").get(0).path("Key").asText()).isEqualTo("dir/hello.txt");
    JsonNode firstOfTwo =
        json("s3api", "list-objects-v2", "--bucket", b, "--max-keys", "1", "--no-paginate");
    assertThat(firstOfTwo.path("IsTruncated").asBoolean()).isTrue();
    assertThat(
            json(
                    "s3api",
                    "list-objects-v2",
                    "--bucket",
                    b,
                    "--continuation-token",
                    firstOfTwo.path("NextContinuationToken").asText(),
                    "--no-paginate")
                .path("Contents")
                .get(0)
                .path("Key")
                .asText())
        .isEqualTo("dir/hello.txt");

    JsonNode marker = json("s3api", "delete-object", "--bucket", b, "--key", "copy.txt");
    assertThat(marker.path("DeleteMarker").asBoolean()).isTrue();
    JsonNode deleted =
        json(
            "s3api",
            "delete-objects",
            "--bucket",
            b,
            "--delete",
            "Objects=[{Key=dir/hello.txt,VersionId=" + v1 + "},{Key=missing}],Quiet=false");
    assertThat(deleted.path("Deleted").size()).isEqualTo(2);
    JsonNode versions = json("s3api", "list-object-versions", "--bucket", b);
    assertThat(versions.path("DeleteMarkers").size()).isEqualTo(2);
    assertThat(versions.path("Versions").size()).isEqualTo(1);
    fails(
        "NoSuchKey",
        "s3api",
        "get-object",
        "--bucket",
        b,
        "--key",
        "copy.txt",
        work.resolve("z").toString());
  }

  @Test
  void multipartUploads() throws Exception {
    String b = "api-multipart";
    dev.run("s3api", "create-bucket", "--bucket", b).assertOk();
    Path five = work.resolve("five.bin");
    try (OutputStream out = Files.newOutputStream(five)) {
      byte[] bytes = new byte[5 * 1024 * 1024];
      new Random(9).nextBytes(bytes);
      out.write(bytes);
    }
    dev.run("s3api", "put-object", "--bucket", b, "--key", "source", "--body", five.toString())
        .assertOk();
    String uploadId =
        json("s3api", "create-multipart-upload", "--bucket", b, "--key", "assembled")
            .path("UploadId")
            .asText();
    assertThat(
            json("s3api", "list-multipart-uploads", "--bucket", b)
                .path("Uploads")
                .get(0)
                .path("UploadId")
                .asText())
        .isEqualTo(uploadId);
    String e1 =
        json(
                "s3api",
                "upload-part",
                "--bucket",
                b,
                "--key",
                "assembled",
                "--upload-id",
                uploadId,
                "--part-number",
                "1",
                "--body",
                five.toString())
            .path("ETag")
            .asText();
    String e2 =
        json(
                "s3api",
                "upload-part-copy",
                "--bucket",
                b,
                "--key",
                "assembled",
                "--upload-id",
                uploadId,
                "--part-number",
                "2",
                "--copy-source",
                b + "/source",
                "--copy-source-range",
                "bytes=0-1023")
            .path("CopyPartResult")
            .path("ETag")
            .asText();
    assertThat(
            json(
                    "s3api",
                    "list-parts",
                    "--bucket",
                    b,
                    "--key",
                    "assembled",
                    "--upload-id",
                    uploadId)
                .path("Parts")
                .size())
        .isEqualTo(2);
    Path parts =
        Files.writeString(
            work.resolve("parts.json"),
            "{\"Parts\":[{\"PartNumber\":1,\"ETag\":"
                + JSON.writeValueAsString(e1)
                + "},{\"PartNumber\":2,\"ETag\":"
                + JSON.writeValueAsString(e2)
                + "}]}");
    JsonNode done =
        json(
            "s3api",
            "complete-multipart-upload",
            "--bucket",
            b,
            "--key",
            "assembled",
            "--upload-id",
            uploadId,
            "--multipart-upload",
            "file://" + parts);
    assertThat(done.path("ETag").asText()).endsWith("-2\"");
    assertThat(
            json("s3api", "head-object", "--bucket", b, "--key", "assembled")
                .path("ContentLength")
                .asLong())
        .isEqualTo(5 * 1024 * 1024 + 1024);
    JsonNode secondPart =
        json("s3api", "head-object", "--bucket", b, "--key", "assembled", "--part-number", "2");
    assertThat(secondPart.path("ContentLength").asLong()).isEqualTo(1024);
    assertThat(secondPart.path("PartsCount").asInt()).isEqualTo(2);

    String abandoned =
        json("s3api", "create-multipart-upload", "--bucket", b, "--key", "abandoned")
            .path("UploadId")
            .asText();
    dev.run(
            "s3api",
            "abort-multipart-upload",
            "--bucket",
            b,
            "--key",
            "abandoned",
            "--upload-id",
            abandoned)
        .assertOk();
    fails(
        "NoSuchUpload",
        "s3api",
        "list-parts",
        "--bucket",
        b,
        "--key",
        "abandoned",
        "--upload-id",
        abandoned);
    dev.run("s3", "rm", "--recursive", "s3://" + b).assertOk();
    dev.run("s3api", "delete-bucket", "--bucket", b).assertOk();
    // HEAD answers carry no body, so the CLI can only show the status.
    fails("404", "s3api", "head-bucket", "--bucket", b);
  }
}
