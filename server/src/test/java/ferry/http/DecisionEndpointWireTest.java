package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.testing.SignedHttp;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * {@code /_ferry/decisions} from another machine: Ferry listening on every interface, asked through
 * this machine's own non-loopback address, answers only requests signed by a caller allowed {@code
 * cloudtrail:LookupEvents}, and shows it its account's decisions only; on loopback it still answers
 * unsigned.
 */
class DecisionEndpointWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static Ferry ferry;
  static URI remote;
  static AccessKey reader;
  static AccessKey stranger;

  @BeforeAll
  static void start() throws Exception {
    InetAddress address = nonLoopbackAddress();
    assumeTrue(address != null, "this machine has no non-loopback IPv4 address");
    ferry = Ferry.start(new FerryConfig("0.0.0.0", 0, dataDir, FerryConfig.DEFAULT_ACCOUNTS));
    remote = URI.create("http://" + address.getHostAddress() + ":" + ferry.endpoint().getPort());
    try (IamClient iam = iam(ferry.root("dev"))) {
      iam.createUser(b -> b.userName("auditor"));
      iam.putUserPolicy(b ->
          b.userName("auditor")
              .policyName("lookup")
              .policyDocument(
                  """
                  {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                   "Action":"cloudtrail:LookupEvents","Resource":"*"}]}\
                  """));
      reader = iam.createAccessKey(b -> b.userName("auditor")).accessKey();
      iam.createUser(b -> b.userName("stranger"));
      stranger = iam.createAccessKey(b -> b.userName("stranger")).accessKey();
    }
    // A decision in prod, which dev's auditor must not see.
    try (IamClient iam = iam(ferry.root("prod"))) {
      iam.listUsers();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (ferry != null) {
      ferry.close();
    }
  }

  @Test
  void unsigned_fromAnotherMachine_isRefused() throws Exception {
    HttpResponse<String> answer = get(remote.resolve("/_ferry/decisions?last=5"));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("signed by a caller allowed cloudtrail:LookupEvents");
  }

  @Test
  void signed_byACallerAllowedLookupEvents_showsItsAccountsDecisionsOnly() throws Exception {
    HttpResponse<String> answer = signed(reader, "/_ferry/decisions?last=2000");

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<String> principals = new ArrayList<>();
    JSON.readTree(answer.body())
        .path("decisions")
        .forEach(d -> principals.add(d.path("principal").asText()));
    String dev = ferry.root("dev").account().value();
    assertThat(principals).isNotEmpty().allMatch(p -> p.split(":")[4].equals(dev));
    String prodDecision = lastDecisionOf(ferry.root("prod").account().value());
    assertThat(signed(reader, "/_ferry/decisions/" + prodDecision).statusCode()).isEqualTo(404);
  }

  @Test
  void signed_byACallerWithoutLookupEvents_isRefused() throws Exception {
    HttpResponse<String> answer = signed(stranger, "/_ferry/decisions?last=5");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("user/stranger is not allowed cloudtrail:LookupEvents");
  }

  @Test
  void aBadSignature_isRefused() throws Exception {
    HttpResponse<String> answer =
        signed(
            AccessKey.builder().accessKeyId(reader.accessKeyId()).secretAccessKey("wrong").build(),
            "/_ferry/decisions?last=5");

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.body()).contains("signature was not accepted");
  }

  @Test
  void unsigned_onLoopback_answersEveryDecision() throws Exception {
    HttpResponse<String> answer =
        get(
            URI.create(
                "http://127.0.0.1:" + ferry.endpoint().getPort() + "/_ferry/decisions?last=2000"));

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains(ferry.root("prod").account().value());
  }

  private static String lastDecisionOf(String account) throws Exception {
    JsonNode all =
        JSON.readTree(
            get(URI.create(
                    "http://127.0.0.1:"
                        + ferry.endpoint().getPort()
                        + "/_ferry/decisions?last=2000"))
                .body());
    String id = null;
    for (JsonNode decision : all.path("decisions")) {
      if (decision.path("principal").asText().contains(":" + account + ":")) {
        id = decision.path("id").asText();
      }
    }
    assertThat(id).isNotNull();
    return id;
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static HttpResponse<String> signed(AccessKey key, String path) throws Exception {
    var signed =
        AwsV4HttpSigner.create()
            .sign(r ->
                r.identity(AwsCredentialsIdentity.create(key.accessKeyId(), key.secretAccessKey()))
                    .request(
                        SdkHttpRequest.builder()
                            .method(SdkHttpMethod.GET)
                            .uri(remote.resolve(path))
                            .build())
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "cloudtrail")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
    return SignedHttp.send(signed, null);
  }

  private static IamClient iam(RootCredentials root) {
    return IamClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + ferry.endpoint().getPort()))
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey())))
        .build();
  }

  private static @Nullable InetAddress nonLoopbackAddress() throws SocketException {
    for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!face.isUp() || face.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(face.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address;
        }
      }
    }
    return null;
  }
}
