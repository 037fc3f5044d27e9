package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A static website with the real aws CLI: the website configuration's round trip and refusals, then
 * the site opened by a plain HTTP client on the website host and on the path form.
 */
class S3WebsiteCliIT extends FerryPerClass {
  static final String SITE = "cli-site";
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void deploySite() throws Exception {
    dev.run("s3api", "create-bucket", "--bucket", SITE).assertOk();
    upload("index.html", "<h1>home</h1>");
    upload("error.html", "<h1>not here</h1>");
    upload("docs/index.html", "<h1>docs</h1>");
    dev.run(
            "s3api",
            "put-object",
            "--bucket",
            SITE,
            "--key",
            "old.html",
            "--website-redirect-location",
            "/docs/")
        .assertOk();
    dev.run("s3api", "delete-public-access-block", "--bucket", SITE).assertOk();
    dev.run(
            "s3api",
            "put-bucket-policy",
            "--bucket",
            SITE,
            "--policy",
            """
            {"Version":"2012-10-17","Statement":[
             {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cli-site/*"},
             {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"arn:aws:s3:::cli-site"}]}\
            """)
        .assertOk();
    dev.run(
            "s3api",
            "put-bucket-website",
            "--bucket",
            SITE,
            "--website-configuration",
            """
            {"IndexDocument":{"Suffix":"index.html"},"ErrorDocument":{"Key":"error.html"},
             "RoutingRules":[{"Condition":{"KeyPrefixEquals":"manual/"},
                              "Redirect":{"ReplaceKeyPrefixWith":"docs/","HttpRedirectCode":"302"}}]}\
            """)
        .assertOk();
  }

  static void upload(String key, String html) throws Exception {
    Path file = Files.writeString(work.resolve(key.replace('/', '_')), html);
    dev.run("s3", "cp", file.toString(), "s3://" + SITE + "/" + key, "--content-type", "text/html")
        .assertOk();
  }

  @Test
  void websiteConfiguration_roundTrips() throws Exception {
    String bucket = "cli-round-trip";
    dev.run("s3api", "create-bucket", "--bucket", bucket).assertOk();
    assertThat(dev.run("s3api", "get-bucket-website", "--bucket", bucket).stderr())
        .contains("NoSuchWebsiteConfiguration");
    dev.run("s3", "website", "s3://" + bucket, "--index-document", "index.html").assertOk();
    assertThat(dev.run("s3api", "get-bucket-website", "--bucket", bucket).assertOk().stdout())
        .contains("\"Suffix\": \"index.html\"");
    dev.run("s3api", "delete-bucket-website", "--bucket", bucket).assertOk();
    assertThat(dev.run("s3api", "get-bucket-website", "--bucket", bucket).stderr())
        .contains("NoSuchWebsiteConfiguration");
    assertThat(dev.run("s3api", "get-bucket-website", "--bucket", SITE).assertOk().stdout())
        .contains("\"ReplaceKeyPrefixWith\": \"docs/\"");
  }

  @Test
  void badConfigurations_areRefused_andNothingIsStored() throws Exception {
    String bucket = "cli-bad-site";
    dev.run("s3api", "create-bucket", "--bucket", bucket).assertOk();
    AwsCli.Result both =
        dev.run(
            "s3api",
            "put-bucket-website",
            "--bucket",
            bucket,
            "--website-configuration",
            """
            {"IndexDocument":{"Suffix":"index.html"},
             "RedirectAllRequestsTo":{"HostName":"example.com"}}\
            """);
    assertThat(both.exitCode()).isNotZero();
    assertThat(both.stderr())
        .contains("InvalidArgument")
        .contains(
            "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.");

    byte[] malformed =
        "<WebsiteConfiguration><IndexDocument><Suffix>index.html</Suffix>"
            .getBytes(StandardCharsets.UTF_8);
    RawS3Request.Answer answer =
        RawS3Request.send(
            ferry.endpoint(),
            ferry.account("dev"),
            "PUT",
            "/" + bucket,
            "website=",
            Map.of("Content-MD5", md5(malformed)),
            RawS3Request.hex(RawS3Request.sha256(malformed)),
            malformed,
            false);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isEqualTo("MalformedXML");
    assertThat(dev.run("s3api", "get-bucket-website", "--bucket", bucket).stderr())
        .contains("NoSuchWebsiteConfiguration");
    dev.run("s3", "website", "s3://" + bucket, "--index-document", "index.html").assertOk();
  }

  /** The same site on the website host (sent as Host) and on the path form. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"website host", "path form"})
  void theSite_servesPagesErrorsAndRedirects(String form) throws Exception {
    boolean host = form.equals("website host");
    String root = host ? "/" : "/_ferry/website/" + SITE + "/";

    HttpResponse<String> home = get(host, root);
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).isEqualTo("<h1>home</h1>");
    assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html");

    assertThat(get(host, root + "docs/").body()).isEqualTo("<h1>docs</h1>");
    HttpResponse<String> folder = get(host, root + "docs");
    assertThat(folder.statusCode()).isEqualTo(302);
    assertThat(folder.headers().firstValue("Location")).hasValue(root + "docs/");

    HttpResponse<String> missing = get(host, root + "missing.html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("<h1>not here</h1>");

    HttpResponse<String> moved = get(host, root + "old.html");
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).hasValue(root + "docs/");

    HttpResponse<String> rule = get(host, root + "manual/intro.html");
    assertThat(rule.statusCode()).isEqualTo(302);
    assertThat(rule.headers().firstValue("Location").orElseThrow())
        .endsWith(root + "docs/intro.html");
  }

  @Test
  void aBucketWithoutWebsite_isNotFound_inHtml() throws Exception {
    HttpResponse<String> none = get(false, "/_ferry/website/cli-no-site/");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("<li>Code: NoSuchBucket</li>");
  }

  static HttpResponse<String> get(boolean websiteHost, String path) throws Exception {
    URI endpoint = ferry.endpoint();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET();
    if (websiteHost) {
      request.header("Host", SITE + ".s3-website.localhost:" + endpoint.getPort());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String md5(byte[] body) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
  }
}
