package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.cli.guide.GuideClients;
import ferry.cli.guide.GuideNames;
import ferry.cli.guide.GuideOutcome;
import ferry.cli.guide.GuideScenario;
import ferry.cli.guide.Narrator;
import ferry.cli.guide.SampleWebsite;
import ferry.http.DecisionClient;
import ferry.junit.Ferry;
import ferry.junit.LocalFerry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;

/**
 * The guide's pipeline deploys the sample website into prod's bucket; the site is not public, as
 * the guide leaves it. Prod then makes the bucket a public website, and a plain HTTP client opens
 * the deployed pages on the path form and the website host. Ferry runs in-process, started by
 * ferry-junit.
 */
@Ferry
class GuideWebsiteIT {
  static final String BUCKET = GuideNames.OUTPUT_BUCKET;
  static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void theDeployedSite_opensOnceProdMakesItPublic(LocalFerry ferry) throws Exception {
    try (SdkHttpClient http = Apache5HttpClient.builder().build();
        GuideClients dev = new GuideClients(ferry.endpoint(), ferry.credentials("dev"), http);
        GuideClients prod = new GuideClients(ferry.endpoint(), ferry.credentials("prod"), http)) {
      GuideOutcome outcome =
          new GuideScenario(
                  new GuideNames(ferry.root("dev").account(), ferry.root("prod").account()),
                  dev,
                  prod,
                  new Narrator(new PrintStream(new ByteArrayOutputStream(), true), false),
                  new DecisionClient(ferry.endpoint()),
                  null)
              .play();
      assertThat(outcome).isInstanceOf(GuideOutcome.Deployed.class);
      String root = "/_ferry/website/" + BUCKET + "/";
      assertThat(get(ferry.endpoint(), root, false).statusCode())
          .as("no website configuration yet")
          .isEqualTo(404);

      prod.s3()
          .putBucketWebsite(p ->
              p.bucket(BUCKET)
                  .websiteConfiguration(w ->
                      w.indexDocument(i -> i.suffix("index.html"))
                          .errorDocument(e -> e.key("error.html"))));
      assertThat(get(ferry.endpoint(), root, false).statusCode())
          .as("the guide's bucket is private")
          .isEqualTo(403);

      prod.s3().deletePublicAccessBlock(d -> d.bucket(BUCKET));
      prod.s3()
          .putBucketPolicy(p ->
              p.bucket(BUCKET)
                  .policy(
                      """
                      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                       "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}\
                      """
                          .formatted(BUCKET)));

      for (boolean websiteHost : new boolean[] {false, true}) {
        String base = websiteHost ? "/" : root;
        HttpResponse<String> home = get(ferry.endpoint(), base, websiteHost);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
            .isEqualTo(new String(SampleWebsite.files().get("index.html"), StandardCharsets.UTF_8));
        assertThat(home.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(get(ferry.endpoint(), base + "css/style.css", websiteHost).statusCode())
            .isEqualTo(200);
        HttpResponse<String> missing = get(ferry.endpoint(), base + "nowhere.html", websiteHost);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body())
            .isEqualTo(new String(SampleWebsite.files().get("error.html"), StandardCharsets.UTF_8));
      }
    }
  }

  static HttpResponse<String> get(URI endpoint, String path, boolean websiteHost) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).GET();
    if (websiteHost) {
      request.header("Host", BUCKET + ".s3-website.localhost:" + endpoint.getPort());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
