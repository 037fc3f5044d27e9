package ferry.console.accessmap;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.console.ConsoleWorld;
import ferry.console.web.ConsoleClient;
import ferry.testing.RunningFerry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The access map page over HTTP: the signed-in account's part, each edge's statements. */
class AccessMapPagesTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static ConsoleWorld world;

  private static final Pattern EDGE =
      Pattern.compile("href=\"/_ferry/console(/access-map/edge\\?[^\"]+)\"");

  @BeforeAll
  static void world() throws Exception {
    world = ConsoleWorld.make(ferry);
  }

  @Test
  void theMap_drawsTheAccountsAccesses_andEachEdgeOpensItsStatements() throws Exception {
    var client = world.signedIn("dev");

    var page = client.get("/access-map");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<svg").contains("webapp-role").doesNotContain("<style>");
    String href = null;
    Matcher edges = EDGE.matcher(page.body());
    while (edges.find()) {
      String candidate = edges.group(1).replace("&amp;", "&");
      if (candidate.contains("webapp-role")
          && candidate.contains("console-output")
          && candidate.endsWith("access=write")) {
        href = candidate;
      }
    }
    assertThat(href).as("an edge from webapp-role writing console-output").isNotNull();
    var edge = client.get(href);
    assertThat(edge.statusCode()).isEqualTo(200);
    assertThat(edge.body())
        .contains("webapp-role may write console-output")
        .contains("inline policy all of role webapp-role")
        .contains("<mark class=\"statement\">{\n")
        .contains("  \"Sid\" : \"Everything\",\n");
    assertThat(client.get("/access-map/edge?from=x&to=y&access=read").statusCode()).isEqualTo(404);
  }

  @Test
  void anotherAccount_seesOnlyWhatTouchesIt() throws Exception {
    var prod = world.signedIn("prod");

    var page = prod.get("/access-map");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("webapp-role").doesNotContain("console-output");
    var dev = world.signedIn("dev").get("/access-map").body();
    Matcher edges = EDGE.matcher(dev);
    assertThat(edges.find()).isTrue();
    assertThat(prod.get(edges.group(1).replace("&amp;", "&")).statusCode()).isEqualTo(404);
  }

  @Test
  void aUserWithoutGetAccountAuthorizationDetails_seesTheDenialPanel() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(u -> u.userName("nobody-map"));
    var key = iam.createAccessKey(k -> k.userName("nobody-map")).accessKey();
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(key.accessKeyId(), key.secretAccessKey());

    var page = client.get("/access-map");

    assertThat(page.statusCode()).isEqualTo(403);
    assertThat(page.body())
        .contains("Access denied")
        .contains("iam:GetAccountAuthorizationDetails")
        .doesNotContain("<svg");
  }
}
