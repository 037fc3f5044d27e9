package ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Sends a request signed by the AWS SDK's own signer over plain java.net.http, byte for byte as
 * signed, so a test controls exactly what reaches Ferry.
 */
public final class SignedHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private SignedHttp() {}

  /** The request with the payload it was signed with. */
  public static HttpResponse<String> send(SignedRequest signed)
      throws IOException, InterruptedException {
    return send(signed, signed.payload().isPresent() ? payload(signed) : null);
  }

  /** The request with another body than the one signed (or none). */
  public static HttpResponse<String> send(SignedRequest signed, byte @Nullable [] body)
      throws IOException, InterruptedException {
    SdkHttpRequest request = signed.request();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.getUri()).timeout(Duration.ofSeconds(30));
    request
        .headers()
        .forEach((name, values) -> {
          // java.net.http sets these itself, from the URI and the body.
          if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
            values.forEach(value -> builder.header(name, value));
          }
        });
    builder.method(
        request.method().name(),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Signs a request for {@code service} in us-east-1 with the SDK's signer. For s3 as the S3 client
   * signs: the path as given, neither encoded again nor normalized, and an unsigned payload.
   */
  public static SignedRequest sign(
      String service, SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity) {
    boolean s3 = service.equals("s3");
    return AwsV4HttpSigner.create()
        .sign(r ->
            r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !s3));
  }

  private static byte[] payload(SignedRequest signed) {
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
