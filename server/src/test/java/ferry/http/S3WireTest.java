package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.testing.RunningFerry;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The first S3 slice and STS through the AWS SDK for Java v2, with its default checksums. */
class S3WireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;

  @BeforeAll
  static void start() throws Exception {
    dev = ferry.s3("dev");
  }

  @Test
  void stsGetCallerIdentity_returnsTheRootOfTheSigningAccount() {
    GetCallerIdentityResponse identity = ferry.sts("prod").getCallerIdentity();
    assertThat(identity.account()).isEqualTo("222222222222");
    assertThat(identity.arn()).isEqualTo("arn:aws:iam::222222222222:root");
  }

  @Test
  void putGetListDelete_roundTrip() {
    dev.createBucket(b -> b.bucket("wire-bucket"));
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(bytes);
    dev.putObject(p -> p.bucket("wire-bucket").key("a b/c+d.bin"), RequestBody.fromBytes(bytes));

    ResponseBytes<GetObjectResponse> got =
        dev.getObjectAsBytes(g -> g.bucket("wire-bucket").key("a b/c+d.bin"));
    assertThat(got.asByteArray()).isEqualTo(bytes);
    assertThat(dev.headObject(h -> h.bucket("wire-bucket").key("a b/c+d.bin")).contentLength())
        .isEqualTo(bytes.length);
    assertThat(dev.listObjectsV2(l -> l.bucket("wire-bucket")).contents())
        .extracting(S3Object::key)
        .containsExactly("a b/c+d.bin");

    dev.deleteObject(d -> d.bucket("wire-bucket").key("a b/c+d.bin"));
    assertThatThrownBy(() -> dev.getObject(g -> g.bucket("wire-bucket").key("a b/c+d.bin")))
        .isInstanceOf(NoSuchKeyException.class);
    dev.deleteBucket(d -> d.bucket("wire-bucket"));
    assertThatThrownBy(() -> dev.headBucket(h -> h.bucket("wire-bucket")))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void virtualHostedStyle_putsTheBucketInTheHostHeader() throws Exception {
    // No wildcard DNS here: the client resolves every *.localhost name to 127.0.0.1 itself, so
    // the request really carries Host: vhost-bucket.localhost:PORT.
    URI endpoint = URI.create("http://localhost:" + ferry.endpoint().getPort());
    try (S3Client virtualHosted =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(ferry.credentials("dev"))
            .httpClient(Apache5HttpClient.builder().dnsResolver(new LoopbackResolver()).build())
            .build()) {
      virtualHosted.createBucket(b -> b.bucket("vhost-bucket"));
      virtualHosted.putObject(
          p -> p.bucket("vhost-bucket").key("dir/file.txt"), RequestBody.fromString("hosted"));
      assertThat(
              virtualHosted
                  .getObjectAsBytes(g -> g.bucket("vhost-bucket").key("dir/file.txt"))
                  .asUtf8String())
          .isEqualTo("hosted");
      assertThat(
              dev.getObjectAsBytes(g -> g.bucket("vhost-bucket").key("dir/file.txt"))
                  .asUtf8String())
          .isEqualTo("hosted");
    }
  }

  @Test
  void anotherAccount_isDenied_withAnExplanation() {
    dev.createBucket(b -> b.bucket("dev-only"));
    dev.putObject(
        p -> p.bucket("dev-only").key("k"), RequestBody.fromString("v", StandardCharsets.UTF_8));
    S3Client prod = ferry.s3("prod");
    assertThatThrownBy(() -> prod.getObjectAsBytes(g -> g.bucket("dev-only").key("k")))
        .isInstanceOfSatisfying(
            S3Exception.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(403);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("arn:aws:iam::222222222222:root")
                  .contains("s3:GetObject");
              assertThat(
                      e.awsErrorDetails()
                          .sdkHttpResponse()
                          .firstMatchingHeader("x-ferry-decision-id"))
                  .isPresent();
            });
    assertThat(prod.listBuckets().buckets()).isEmpty();
  }

  /** Resolves every name to the loopback address, as wildcard DNS for *.localhost would. */
  static final class LoopbackResolver implements org.apache.hc.client5.http.DnsResolver {
    @Override
    public InetAddress[] resolve(String host) {
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }

    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }
}
