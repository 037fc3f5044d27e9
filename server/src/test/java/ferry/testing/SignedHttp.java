package ferry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

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

  private static byte[] payload(SignedRequest signed) {
    try (InputStream in = signed.payload().orElseThrow().newStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
