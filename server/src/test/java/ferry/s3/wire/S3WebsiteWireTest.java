package ferry.s3.wire;

import static ferry.s3.wire.S3ErrorAssert.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.testing.RawHttp;
import ferry.testing.RunningFerry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetBucketWebsiteResponse;
import software.amazon.awssdk.services.s3.model.Protocol;
import software.amazon.awssdk.services.s3.model.RoutingRule;

/** Put/Get/DeleteBucketWebsite through the SDK, and the website served to a plain HTTP client. */
class S3WebsiteWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static S3Client dev;
  static S3Client prod;
  static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void site() {
    dev = ferry.s3("dev");
    prod = ferry.s3("prod");
    dev.createBucket(b -> b.bucket("site"));
    put("site", "index.html", "<h1>home</h1>", "text/html");
    put("site", "error.html", "<h1>oops</h1>", "text/html");
    put("site", "docs/index.html", "<h1>docs</h1>", "text/html");
    dev.putObject(
        p -> p.bucket("site").key("old.html").websiteRedirectLocation("/docs/"),
        RequestBody.empty());
    dev.deletePublicAccessBlock(d -> d.bucket("site"));
    dev.putBucketPolicy(p ->
        p.bucket("site")
            .policy(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}\
                """));
    dev.putBucketWebsite(p ->
        p.bucket("site")
            .websiteConfiguration(w ->
                w.indexDocument(i -> i.suffix("index.html"))
                    .errorDocument(e -> e.key("error.html"))
                    .routingRules(
                        RoutingRule.builder()
                            .condition(c -> c.keyPrefixEquals("manual/"))
                            .redirect(r -> r.replaceKeyPrefixWith("docs/"))
                            .build())));
  }

  static void put(String bucket, String key, String body, String type) {
    dev.putObject(p -> p.bucket(bucket).key(key).contentType(type), RequestBody.fromString(body));
  }

  @Test
  void websiteConfiguration_roundTrips_andIsDeleted() {
    dev.createBucket(b -> b.bucket("round-trip"));
    assertS3Error(
        () -> dev.getBucketWebsite(g -> g.bucket("round-trip")),
        404,
        "NoSuchWebsiteConfiguration",
        "The specified bucket does not have a website configuration");
    dev.putBucketWebsite(p ->
        p.bucket("round-trip")
            .websiteConfiguration(w ->
                w.indexDocument(i -> i.suffix("index.html"))
                    .errorDocument(e -> e.key("404.html"))
                    .routingRules(
                        RoutingRule.builder()
                            .condition(c -> c.httpErrorCodeReturnedEquals("404"))
                            .redirect(r ->
                                r.hostName("example.com")
                                    .protocol(Protocol.HTTPS)
                                    .httpRedirectCode("302")
                                    .replaceKeyWith("gone.html"))
                            .build())));
    GetBucketWebsiteResponse got = dev.getBucketWebsite(g -> g.bucket("round-trip"));
    assertThat(got.indexDocument().suffix()).isEqualTo("index.html");
    assertThat(got.errorDocument().key()).isEqualTo("404.html");
    assertThat(got.routingRules()).hasSize(1);
    assertThat(got.routingRules().getFirst().condition().httpErrorCodeReturnedEquals())
        .isEqualTo("404");
    assertThat(got.routingRules().getFirst().redirect().protocol()).isEqualTo(Protocol.HTTPS);
    assertThat(got.routingRules().getFirst().redirect().replaceKeyWith()).isEqualTo("gone.html");

    dev.deleteBucketWebsite(d -> d.bucket("round-trip"));
    assertS3Error(
        () -> dev.getBucketWebsite(g -> g.bucket("round-trip")),
        404,
        "NoSuchWebsiteConfiguration",
        null);
  }

  @Test
  void badConfigurations_areRefused_andNothingIsStored() {
    dev.createBucket(b -> b.bucket("refused-site"));
    assertS3Error(
        () ->
            dev.putBucketWebsite(p ->
                p.bucket("refused-site")
                    .websiteConfiguration(w ->
                        w.indexDocument(i -> i.suffix("index.html"))
                            .redirectAllRequestsTo(r -> r.hostName("example.com")))),
        400,
        "InvalidArgument",
        "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.");
    assertS3Error(
        () ->
            dev.putBucketWebsite(p ->
                p.bucket("refused-site")
                    .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("a/b.html")))),
        400,
        "InvalidArgument",
        "The IndexDocument Suffix is not well formed");
    assertS3Error(
        () ->
            dev.putBucketWebsite(p ->
                p.bucket("refused-site")
                    .websiteConfiguration(w -> w.errorDocument(e -> e.key("e.html")))),
        400,
        "InvalidArgument",
        "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty");
    assertS3Error(
        () -> dev.getBucketWebsite(g -> g.bucket("refused-site")),
        404,
        "NoSuchWebsiteConfiguration",
        null);
    dev.putBucketWebsite(p ->
        p.bucket("refused-site")
            .websiteConfiguration(w -> w.redirectAllRequestsTo(r -> r.hostName("example.com"))));
    assertThat(
            dev.getBucketWebsite(g -> g.bucket("refused-site")).redirectAllRequestsTo().hostName())
        .isEqualTo("example.com");
  }

  @Test
  void anotherAccount_isDenied_theWebsiteOperations() {
    assertS3Error(() -> prod.getBucketWebsite(g -> g.bucket("site")), 403, "AccessDenied", null);
    assertS3Error(() -> prod.deleteBucketWebsite(d -> d.bucket("site")), 403, "AccessDenied", null);
    assertThat(dev.getBucketWebsite(g -> g.bucket("site")).indexDocument().suffix())
        .isEqualTo("index.html");
  }

  @Test
  void aBadRedirectLocation_isRefused() {
    assertS3Error(
        () ->
            dev.putObject(
                p -> p.bucket("site").key("bad.html").websiteRedirectLocation("docs/"),
                RequestBody.empty()),
        400,
        "InvalidRedirectLocation",
        "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.");
    assertThat(dev.headObject(h -> h.bucket("site").key("old.html")).websiteRedirectLocation())
        .isEqualTo("/docs/");
  }

  @Test
  void thePathForm_servesIndexErrorAndRedirects() throws Exception {
    String root = "/_ferry/website/site/";
    assertThat(get(root))
        .satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.body()).isEqualTo("<h1>home</h1>");
          assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html");
        });
    assertThat(get(root + "docs/").body()).isEqualTo("<h1>docs</h1>");
    assertThat(get(root + "docs"))
        .satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(302);
          assertThat(r.headers().firstValue("Location")).hasValue(root + "docs/");
        });
    assertThat(get("/_ferry/website/site").statusCode()).isEqualTo(302);
    assertThat(get(root + "missing.html"))
        .satisfies(r -> {
          // Without s3:ListBucket for everyone, a missing key is 403, as on AWS; the error page
          // serves.
          assertThat(r.statusCode()).isEqualTo(403);
          assertThat(r.body()).isEqualTo("<h1>oops</h1>");
        });
    assertThat(get(root + "old.html"))
        .satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(301);
          assertThat(r.headers().firstValue("Location")).hasValue(root + "docs/");
        });
    assertThat(get(root + "manual/page.html"))
        .satisfies(r -> {
          assertThat(r.statusCode()).isEqualTo(301);
          assertThat(r.headers().firstValue("Location").orElseThrow())
              .endsWith(root + "docs/page.html");
        });
  }

  @Test
  void theWebsiteHost_servesTheSameSite() throws Exception {
    String host = "site.s3-website.localhost:" + ferry.endpoint().getPort();
    assertThat(raw("GET", host, "/")).startsWith("HTTP/1.1 200").endsWith("<h1>home</h1>");
    assertThat(raw("GET", host, "/docs"))
        .startsWith("HTTP/1.1 302")
        .containsIgnoringCase("Location: /docs/");
    assertThat(raw("HEAD", host, "/docs/")).startsWith("HTTP/1.1 200");
    assertThat(raw("POST", host, "/"))
        .startsWith("HTTP/1.1 405")
        .contains("<li>Code: MethodNotAllowed</li>");
  }

  @Test
  void aPrivateBucket_answersTheForbiddenPage_andNoWebsiteIsNotFound() throws Exception {
    dev.createBucket(b -> b.bucket("private-site"));
    put("private-site", "index.html", "secret", "text/html");
    HttpResponse<String> none = get("/_ferry/website/private-site/");
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(none.body())
        .contains("<title>404 Not Found</title>")
        .contains("<li>Code: NoSuchWebsiteConfiguration</li>")
        .contains("<li>BucketName: private-site</li>");

    dev.putBucketWebsite(p ->
        p.bucket("private-site")
            .websiteConfiguration(w -> w.indexDocument(i -> i.suffix("index.html"))));
    HttpResponse<String> denied = get("/_ferry/website/private-site/");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body())
        .contains("<title>403 Forbidden</title>")
        .contains("<li>Code: AccessDenied</li>")
        .doesNotContain("secret");
    assertThat(get("/_ferry/website/no-such-bucket/").body())
        .contains("<li>Code: NoSuchBucket</li>");
  }

  @Test
  void aListableBucket_answers404_withTheErrorDocument() throws Exception {
    dev.createBucket(b -> b.bucket("listable-site"));
    put("listable-site", "index.html", "home", "text/html");
    dev.deletePublicAccessBlock(d -> d.bucket("listable-site"));
    dev.putBucketPolicy(p ->
        p.bucket("listable-site")
            .policy(
                """
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                  "Resource":"arn:aws:s3:::listable-site/*"},
                 {"Effect":"Allow","Principal":"*","Action":"s3:ListBucket",
                  "Resource":"arn:aws:s3:::listable-site"}]}\
                """));
    dev.putBucketWebsite(p ->
        p.bucket("listable-site")
            .websiteConfiguration(w ->
                w.indexDocument(i -> i.suffix("index.html"))
                    .errorDocument(e -> e.key("error.html"))));
    HttpResponse<String> missing = get("/_ferry/website/listable-site/nothing.html");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body())
        .contains("<li>Code: NoSuchKey</li>")
        .contains("<li>Key: nothing.html</li>")
        .contains("An Error Occurred While Attempting to Retrieve a Custom Error Document")
        .contains("<li>Key: error.html</li>");
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(ferry.endpoint().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One HTTP/1.1 request on a socket: java.net.http does not let a caller set Host. */
  static String raw(String method, String host, String path) throws IOException {
    return RawHttp.exchange(
        ferry.endpoint(),
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  }
}
