package ferry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import ferry.aws.AwsException;
import ferry.aws.WireProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The real AWS SDK S3 client against a bare HTTP server that only verifies: what the SDK puts on
 * the wire by default (aws-chunked, signed chunks, CRC32 trailer) passes the verifier.
 */
class SdkClientRoundTripTest {
  HttpServer server;
  final List<String> outcomes = new CopyOnWriteArrayList<>();
  final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  final List<Map<String, String>> trailers = new CopyOnWriteArrayList<>();
  final SigV4Verifier verifier =
      new SigV4Verifier(new InMemoryCredentials().add("AKIADEVEXAMPLE", "devsecret"));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    var headers = new LinkedHashMap<String, List<String>>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    var request =
        new SignedRequest(
            exchange.getRequestMethod(),
            uri.getRawPath(),
            uri.getRawQuery() == null ? "" : uri.getRawQuery(),
            headers);
    try (InputStream in = exchange.getRequestBody()) {
      Authenticated auth = verifier.verify(request, in, Instant.now());
      byte[] body = auth.body().readAllBytes();
      bodies.add(body);
      ChunkedPayload chunked = auth.chunked();
      trailers.add(chunked == null ? Map.of() : Map.copyOf(chunked.trailers()));
      outcomes.add(String.valueOf(request.header("x-amz-content-sha256")));
      String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
      exchange.getResponseHeaders().add("ETag", "\"" + etag + "\"");
      exchange.sendResponseHeaders(200, -1);
    } catch (AuthException e) {
      reject(exchange, e);
    } catch (PayloadException e) {
      reject(exchange, e.failure());
    } catch (Exception e) {
      outcomes.add(e.toString());
      exchange.sendResponseHeaders(500, -1);
    } finally {
      exchange.close();
    }
  }

  void reject(HttpExchange exchange, AuthException e) throws IOException {
    outcomes.add(e.failure().name());
    AwsException aws = AuthErrors.toAws(e, WireProtocol.REST_XML);
    byte[] error =
        ("<Error><Code>" + aws.code() + "</Code></Error>").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(aws.httpStatus(), error.length);
    exchange.getResponseBody().write(error);
  }

  S3Client client(String secret) {
    return S3Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIADEVEXAMPLE", secret)))
        .build();
  }

  @Test
  void defaultPutObject_isVerifiedChunkByChunk() {
    byte[] object = new byte[300_000];
    new Random(7).nextBytes(object);

    try (S3Client s3 = client("devsecret")) {
      s3.putObject(
          r -> r.bucket("codepipeline-input-bucket").key("dir/a b+c~(1).zip"),
          RequestBody.fromBytes(object));
    }

    assertThat(outcomes).containsExactly("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
    assertThat(bodies.getFirst()).isEqualTo(object);
    assertThat(trailers.getFirst()).containsKey("x-amz-checksum-crc32");
  }

  @Test
  void putObjectWithSha256Trailer_isVerified() {
    try (S3Client s3 = client("devsecret")) {
      s3.putObject(
          r ->
              r.bucket("codepipeline-input-bucket")
                  .key("sample-website.zip")
                  .checksumAlgorithm(ChecksumAlgorithm.SHA256),
          RequestBody.fromString("hello\n"));
    }

    assertThat(outcomes).containsExactly("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER");
    assertThat(trailers.getFirst()).containsKey("x-amz-checksum-sha256");
  }

  @Test
  void putObjectWithTheWrongSecret_failsVerification() {
    try (S3Client s3 = client("wrongsecret")) {
      assertThatThrownBy(() ->
              s3.putObject(
                  r -> r.bucket("codepipeline-input-bucket").key("sample-website.zip"),
                  RequestBody.fromString("hello\n")))
          .isInstanceOfSatisfying(
              S3Exception.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
    }

    assertThat(outcomes).first().isEqualTo("SIGNATURE_MISMATCH");
  }
}
