package ferry.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Signs requests with the AWS SDK for Java v2's own SigV4 signer, as a real client would. */
final class SdkSigning {
  private SdkSigning() {}

  /** A request signed by the SDK, as Ferry would receive it, with its wire body. */
  record Signed(SignedRequest request, byte[] body) {
    InputStream bodyStream() {
      return new java.io.ByteArrayInputStream(body);
    }
  }

  static Signed sign(
      String method,
      String uri,
      Map<String, String> headers,
      byte[] body,
      String service,
      String accessKeyId,
      String secretKey,
      @Nullable String token,
      Clock clock,
      Consumer<SignRequest.Builder<AwsCredentialsIdentity>> properties) {
    var builder =
        SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(URI.create(uri));
    headers.forEach(builder::putHeader);
    AwsCredentialsIdentity identity =
        token == null
            ? AwsCredentialsIdentity.create(accessKeyId, secretKey)
            : AwsSessionCredentialsIdentity.create(accessKeyId, secretKey, token);
    boolean s3 = service.equals("s3");
    var signed =
        AwsV4HttpSigner.create()
            .sign(r -> {
              r.identity(identity)
                  .request(builder.build())
                  .payload(ContentStreamProvider.fromByteArray(body))
                  .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                  .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                  .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                  .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3)
                  .putProperty(HttpSigner.SIGNING_CLOCK, clock);
              properties.accept(r);
            });
    SdkHttpRequest request = signed.request();
    Map<String, List<String>> wireHeaders = new LinkedHashMap<>();
    request.forEachHeader((name, values) -> wireHeaders.put(name.toLowerCase(Locale.ROOT), values));
    if (!wireHeaders.containsKey("host")) {
      int port = request.port();
      wireHeaders.put(
          "host", List.of(request.host() + (port == 80 || port == 443 ? "" : ":" + port)));
    }
    byte[] wireBody;
    try (InputStream in =
        signed
            .payload()
            .map(ContentStreamProvider::newStream)
            .orElse(InputStream.nullInputStream())) {
      wireBody = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Signed(
        new SignedRequest(
            method,
            request.encodedPath(),
            request.encodedQueryParameters().orElse(""),
            wireHeaders),
        wireBody);
  }
}
