package ferry.cloudtrail.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.TestClock;
import ferry.testing.RunningFerry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Ferry on a test clock with dev's CloudTrail and S3 clients, once per test class:
 * {@code @RegisterExtension static final TrailFixture fixture = new TrailFixture();}. With what
 * trail tests need around it: AWS's trail bucket policy, delivered log files, the clock.
 */
final class TrailFixture implements BeforeAllCallback, AfterAllCallback {
  static final String DEV = "111111111111";
  private static final ObjectMapper JSON = new ObjectMapper();

  final RunningFerry ferry = RunningFerry.perClass(new TestClock(Clock.systemUTC()));
  CloudTrailClient trails;
  S3Client s3;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ferry.beforeAll(context);
    trails =
        CloudTrailClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
    s3 = ferry.s3("dev");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    trails.close();
    ferry.afterAll(context);
  }

  /** AWS's documented bucket policy for a trail, with its aws:SourceArn conditions. */
  static String trailPolicy(String bucket, String trail, boolean withAclCheck) {
    return trailPolicy(bucket, "", trail, withAclCheck);
  }

  static String trailPolicy(String bucket, String prefix, String trail, boolean withAclCheck) {
    String arn = "arn:aws:cloudtrail:us-east-1:" + DEV + ":trail/" + trail;
    String aclCheck =
        """
        {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow",
         "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
         "Resource":"arn:aws:s3:::%s","Condition":{"StringEquals":{"aws:SourceArn":"%s"}}},
        """
            .formatted(bucket, arn);
    return """
    {"Version":"2012-10-17","Statement":[%s
     {"Sid":"AWSCloudTrailWrite","Effect":"Allow",
      "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
      "Resource":"arn:aws:s3:::%s/%sAWSLogs/%s/*",
      "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
                                   "aws:SourceArn":"%s"}}}]}
    """
        .formatted(withAclCheck ? aclCheck : "", bucket, prefix, DEV, arn);
  }

  static void assertError(Runnable call, String code, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            CloudTrailException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage()).contains(message);
            });
  }

  JsonNode logFile(String bucket, String key) throws IOException {
    byte[] gzipped = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return JSON.readTree(in);
    }
  }

  List<String> keys(String bucket, String prefix) {
    return s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  /** Moves the test clock forward and runs what waits on it. */
  String clock(String advance) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(ferry.endpoint() + "/_ferry/clock?advance=" + advance))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }
}
