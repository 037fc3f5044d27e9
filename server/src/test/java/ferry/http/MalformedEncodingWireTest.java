package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.RootCredentials;
import ferry.testing.RawHttp;
import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Paths, query strings, forms and headers that are not percent-encoded UTF-8: each gets the error
 * its service gives, saying which escape is wrong, never a 500 or a key or name other than the one
 * sent, and nothing is stored.
 */
class MalformedEncodingWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @BeforeAll
  static void bucket() {
    ferry.s3("dev").createBucket(b -> b.bucket("pct"));
    ferry.s3("dev").putObject(p -> p.bucket("pct").key("kept"), RequestBody.fromString("kept"));
  }

  @Test
  void aKeyWhoseBytesAreNotUtf8_isInvalidUri_andNoObjectIsStored() throws Exception {
    HttpResponse<String> put = s3(SdkHttpMethod.PUT, "/pct/%C0%AF", Map.of(), "bytes");
    HttpResponse<String> get = s3(SdkHttpMethod.GET, "/pct/k%E2%82", Map.of(), "");

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(put.body())
        .contains("<Code>InvalidURI</Code>")
        .contains(
            "<Message>Couldn&apos;t parse the specified URI: the bytes of &apos;%C0%AF&apos; are"
                + " not UTF-8 text.</Message>");
    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(get.body()).contains("<Code>InvalidURI</Code>").contains("%E2%82");
    assertThat(keys()).containsExactly("kept");
  }

  @Test
  void aCopySourceThatIsNotPercentEncodedUtf8_isInvalidArgument_andNothingIsCopied()
      throws Exception {
    for (String source : new String[] {"pct/%zz", "pct/%C0%AF", "pct/kept%"}) {
      HttpResponse<String> copy =
          s3(SdkHttpMethod.PUT, "/pct/copy", Map.of("x-amz-copy-source", source), "");

      assertThat(copy.statusCode()).as(source).isEqualTo(400);
      assertThat(copy.body())
          .as(source)
          .contains("<Code>InvalidArgument</Code>")
          .contains("<Message>Invalid copy source encoding: ")
          .contains("<ArgumentName>x-amz-copy-source</ArgumentName>");
    }
    assertThat(keys()).containsExactly("kept");
  }

  @Test
  void aQueryStringThatIsNotPercentEncoded_isInvalidUri_forS3_notA500() throws Exception {
    String answer = raw("GET /pct?list-type=2&prefix=%zz HTTP/1.1", "");

    assertThat(answer).startsWith("HTTP/1.1 400 ");
    assertThat(answer)
        .contains("<Code>InvalidURI</Code>")
        .contains("&apos;%zz&apos; is not a percent-encoded byte (%XX)");
    assertThat(keys()).containsExactly("kept");
  }

  @Test
  void aPathJettyCannotParse_orHeadersTooLarge_getS3sXmlError_notAnHtmlPage() throws Exception {
    String badPath = raw("GET /pct/%zz HTTP/1.1", "");
    String bigHeaders = raw("GET /pct/kept HTTP/1.1", "x-big: " + "a".repeat(70_000) + "\r\n");

    assertThat(badPath)
        .startsWith("HTTP/1.1 400 ")
        .containsIgnoringCase("Content-Type: application/xml")
        .contains("<Code>InvalidRequest</Code>")
        .contains("its URI or a header is malformed");
    assertThat(bigHeaders)
        .startsWith("HTTP/1.1 400 ")
        .contains("<Code>RequestHeaderSectionTooLarge</Code>");
    assertThat(keys()).containsExactly("kept");
  }

  @Test
  void aContentLengthThatIsNoNumber_getsS3sXmlError_forEveryMethod_andNothingChanges()
      throws Exception {
    for (String requestLine :
        new String[] {"PUT /pct/kept HTTP/1.1", "DELETE /pct/kept HTTP/1.1", "GET /pct HTTP/1.1"}) {
      for (String length :
          new String[] {"Content-Length: abc\r\n", "Content-Length: 4\r\nContent-Length: 5\r\n"}) {
        String answer = raw(requestLine, length);

        assertThat(answer)
            .as(requestLine + " with " + length.strip())
            .startsWith("HTTP/1.1 400 ")
            .containsIgnoringCase("Content-Type: application/xml")
            .contains("<Code>InvalidRequest</Code>");
      }
    }
    assertThat(ferry.s3("dev").getObjectAsBytes(g -> g.bucket("pct").key("kept")).asUtf8String())
        .isEqualTo("kept");
    assertThat(keys()).containsExactly("kept");
  }

  @Test
  void aFormThatIsNotPercentEncodedUtf8_isMalformedQueryString_andNoUserIsCreated()
      throws Exception {
    for (String userName : new String[] {"a%zz", "a%C0%AF"}) {
      byte[] form =
          ("Action=CreateUser&Version=2010-05-08&UserName=" + userName)
              .getBytes(StandardCharsets.UTF_8);
      SdkHttpRequest request =
          SdkHttpRequest.builder()
              .method(SdkHttpMethod.POST)
              .uri(ferry.endpoint().resolve("/"))
              .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
              .build();

      HttpResponse<String> created = SignedHttp.send(SignedHttp.sign("iam", request, form, dev()));

      assertThat(created.statusCode()).as(userName).isEqualTo(404);
      assertThat(created.body())
          .as(userName)
          .contains("<Code>MalformedQueryString</Code>")
          .contains("The query string contains a syntax error: ");
    }
    assertThat(ferry.iam("dev").listUsers().users()).extracting(User::userName).isEmpty();
  }

  private static HttpResponse<String> s3(
      SdkHttpMethod method, String path, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    var request = SdkHttpRequest.builder().method(method).uri(URI.create(ferry.endpoint() + path));
    headers.forEach(request::putHeader);
    return SignedHttp.send(
        SignedHttp.sign("s3", request.build(), body.getBytes(StandardCharsets.UTF_8), dev()));
  }

  /**
   * One request line and extra header lines sent as they are, which no HTTP client would send;
   * returns the whole answer.
   */
  private static String raw(String requestLine, String headerLines) throws IOException {
    return RawHttp.exchange(
        ferry.endpoint(),
        requestLine + "\r\nHost: localhost\r\n" + headerLines + "Connection: close\r\n\r\n");
  }

  private static AwsCredentialsIdentity dev() {
    RootCredentials root = ferry.ferry().root("dev");
    return AwsCredentialsIdentity.create(root.accessKeyId(), root.secretAccessKey());
  }

  private static java.util.List<String> keys() {
    return ferry.s3("dev").listObjectsV2(l -> l.bucket("pct")).contents().stream()
        .map(S3Object::key)
        .toList();
  }
}
