package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-account matrix with the real aws CLI: dev writes into a prod bucket with and without a
 * bucket policy grant, with and without bucket-owner-full-control, under each Object Ownership
 * setting; the owner of the result and who can read it match AWS (authorization.md §5.4, §7.4).
 */
class S3CrossAccountIT extends FerryPerClass {
  private static final ObjectMapper JSON = new ObjectMapper();
  static AwsCli prod;
  static String devId;
  static String prodId;
  static int counter;

  @BeforeAll
  static void start() throws Exception {
    prod = AwsCli.as(ferry, "prod");
    devId = ownerId(dev);
    prodId = ownerId(prod);
    assertThat(devId).hasSize(64).isNotEqualTo(prodId);
  }

  private static String ownerId(AwsCli cli) throws Exception {
    return JSON.readTree(cli.run("s3api", "list-buckets").assertOk().stdout())
        .path("Owner")
        .path("ID")
        .asText();
  }

  static Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String ownership :
        List.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter")) {
      for (boolean grant : List.of(true, false)) {
        for (boolean fullControl : List.of(true, false)) {
          cases.add(Arguments.of(ownership, grant, fullControl));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, policy grant={1}, bucket-owner-full-control={2}")
  @MethodSource("matrix")
  void devWritesIntoAProdBucket(String ownership, boolean grant, boolean fullControl)
      throws Exception {
    String bucket = "prod-out-" + (++counter);
    prod.run("s3api", "create-bucket", "--bucket", bucket, "--object-ownership", ownership)
        .assertOk();
    if (grant) {
      String policy =
          """
          {"Version":"2012-10-17","Statement":[{"Sid":"DevWrites","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
            "Action":["s3:PutObject","s3:PutObjectAcl"],
            "Resource":"arn:aws:s3:::BUCKET/*"}]}\
          """
              .replace("BUCKET", bucket);
      prod.run("s3api", "put-bucket-policy", "--bucket", bucket, "--policy", policy).assertOk();
    }
    Path file = Files.writeString(work.resolve("index-" + counter + ".html"), "<html/>");
    List<String> put =
        new ArrayList<>(
            List.of(
                "s3api",
                "put-object",
                "--bucket",
                bucket,
                "--key",
                "index.html",
                "--body",
                file.toString()));
    if (fullControl) {
      put.addAll(List.of("--acl", "bucket-owner-full-control"));
    }
    AwsCli.Result written = dev.run(put.toArray(String[]::new));
    if (!grant) {
      assertThat(written.exitCode()).isNotZero();
      assertThat(written.stderr()).contains("AccessDenied").contains("Access Denied");
      AwsCli.Result head =
          prod.run("s3api", "head-object", "--bucket", bucket, "--key", "index.html");
      assertThat(head.stderr()).contains("404");
      return;
    }
    written.assertOk();
    boolean prodOwns =
        ownership.equals("BucketOwnerEnforced")
            || (ownership.equals("BucketOwnerPreferred") && fullControl);
    boolean prodReads = prodOwns || fullControl;
    boolean devReads = !prodOwns;

    AwsCli reader = prodReads ? prod : dev;
    JsonNode acl =
        JSON.readTree(
            reader
                .run("s3api", "get-object-acl", "--bucket", bucket, "--key", "index.html")
                .assertOk()
                .stdout());
    assertThat(acl.path("Owner").path("ID").asText()).isEqualTo(prodOwns ? prodId : devId);
    assertThat(
            JSON.readTree(
                    prod.run("s3api", "list-objects-v2", "--bucket", bucket, "--fetch-owner")
                        .assertOk()
                        .stdout())
                .path("Contents")
                .get(0)
                .path("Owner")
                .path("ID")
                .asText())
        .isEqualTo(prodOwns ? prodId : devId);
    assertReads(prod, bucket, prodReads);
    assertReads(dev, bucket, devReads);
  }

  private static void assertReads(AwsCli cli, String bucket, boolean reads) throws Exception {
    Path out = work.resolve("got-" + counter + "-" + System.nanoTime());
    AwsCli.Result get =
        cli.run("s3api", "get-object", "--bucket", bucket, "--key", "index.html", out.toString());
    if (reads) {
      get.assertOk();
      assertThat(Files.readString(out)).isEqualTo("<html/>");
    } else {
      assertThat(get.exitCode()).isNotZero();
      assertThat(get.stderr()).contains("AccessDenied");
    }
  }
}
