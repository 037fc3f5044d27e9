package ferry.console.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.DecisionLog;
import ferry.console.ConsoleWorld;
import ferry.console.web.ConsoleClient;
import ferry.testing.RunningFerry;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The decisions pages over HTTP: the filtered list, its live stream, and a decision explained. */
class DecisionPagesTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static ConsoleWorld world;

  private static final Pattern ROW_LINK =
      Pattern.compile("href=\"/_ferry/console/decisions/(d-[^\"?]+)\"");

  @BeforeAll
  static void world() throws Exception {
    world = ConsoleWorld.make(ferry);
  }

  private static List<String> ids(String page) {
    Matcher m = ROW_LINK.matcher(page);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static DecisionLog.Entry entry(String id) {
    return ferry.ferry().decisions().find(id).orElseThrow();
  }

  @Test
  void theList_showsTheAccountsDecisions_filteredByTheQuery() throws Exception {
    var client = world.signedIn("dev");

    var all = client.get("/decisions");
    var denied = client.get("/decisions?verdict=denied&service=s3&resource=console-output");
    var allowedIam = client.get("/decisions?verdict=allowed&service=iam");

    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(ids(all.body())).isNotEmpty();
    List<String> deniedIds = ids(denied.body());
    assertThat(deniedIds).isNotEmpty();
    for (String id : deniedIds) {
      var e = entry(id);
      assertThat(e.allowed()).isFalse();
      assertThat(e.action()).startsWith("s3:");
      assertThat(e.resource()).contains("console-output");
    }
    assertThat(denied.body()).contains("value=\"console-output\"");
    for (String id : ids(allowedIam.body())) {
      assertThat(entry(id).allowed()).isTrue();
      assertThat(entry(id).action()).startsWith("iam:");
    }
    assertThat(ids(allowedIam.body())).isNotEmpty();
  }

  @Test
  void aDecision_isExplainedPolicyByPolicy() throws Exception {
    var client = world.signedIn("dev");
    String id = ids(client.get("/decisions?verdict=denied&action=s3:PutObject").body()).getFirst();

    var page = client.get("/decisions/" + id);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("Missing grant")
        .contains("id=\"missing-grant\"")
        .contains("s3:PutObject")
        .contains("Policies evaluated")
        .contains("inline policy no-output of role brokenapp-role")
        .contains("not matched")
        .contains("Sid \"SourceAndArtifacts\"");
  }

  @Test
  void anotherAccount_seesNoneOfDevsDecisions() throws Exception {
    var dev = world.signedIn("dev");
    var prod = world.signedIn("prod");
    String devDecision = ids(dev.get("/decisions?service=s3").body()).getFirst();

    var list = prod.get("/decisions");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(devDecision).doesNotContain("111111111111:role");
    for (String id : ids(list.body())) {
      var e = entry(id);
      assertThat(
              "222222222222".equals(e.decision().context().principal().account())
                  || "222222222222".equals(e.decision().context().resourceAccount()))
          .as(id)
          .isTrue();
    }
    assertThat(prod.get("/decisions/" + devDecision).statusCode()).isEqualTo(404);
    assertThat(prod.get("/decisions/d-nosuch-1").statusCode()).isEqualTo(404);
    assertThat(
            prod.get("/decisions/" + devDecision + "?pipeline=brokenapp&execution=x").statusCode())
        .as("a pipeline prod cannot read does not open dev's decision")
        .isEqualTo(404);
  }

  @Test
  void theStream_sendsEachNewDecisionThatMatches() throws Exception {
    var client = world.signedIn("dev");
    BlockingQueue<String> lines = ConsoleWorld.queue();
    InputStream stream =
        ConsoleWorld.events(client, "/decisions/events?verdict=denied&service=s3", lines);
    try {
      assertThat(lines.poll(5, TimeUnit.SECONDS)).startsWith(": stream open");

      ferry.s3("dev").listBuckets();
      try {
        ferry.s3("prod").getObject(g -> g.bucket(ConsoleWorld.OUTPUT).key("index.html"));
      } catch (S3Exception expected) {
        // prod may not read dev's bucket: a denied s3 decision on a dev resource
      }

      String data = null;
      for (String line = lines.poll(5, TimeUnit.SECONDS);
          line != null;
          line = lines.poll(5, TimeUnit.SECONDS)) {
        if (line.startsWith("data: ")) {
          data = line;
          break;
        }
      }
      assertThat(data)
          .isNotNull()
          .contains("\"allowed\":false")
          .contains("\"action\":\"s3:GetObject\"")
          .contains("arn:aws:iam::222222222222:root")
          .doesNotContain("ListAllMyBuckets");
    } finally {
      stream.close();
    }
  }

  @Test
  void readingDecisions_takesCloudTrailLookupEvents() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(u -> u.userName("nobody-decisions"));
    var key = iam.createAccessKey(k -> k.userName("nobody-decisions")).accessKey();
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(key.accessKeyId(), key.secretAccessKey());
    String any = ids(world.signedIn("dev").get("/decisions").body()).getFirst();

    var list = client.get("/decisions");

    assertThat(list.statusCode()).isEqualTo(403);
    assertThat(list.body())
        .contains("Access denied")
        .contains("cloudtrail:LookupEvents")
        .doesNotContain("s3:PutObject");
    assertThat(client.get("/decisions/" + any).statusCode()).isEqualTo(403);
    assertThat(client.get("/decisions/events").statusCode()).isEqualTo(403);

    iam.putUserPolicy(p ->
        p.userName("nobody-decisions")
            .policyName("trail")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"cloudtrail:LookupEvents","Resource":"*"}]}\
                """));
    assertThat(client.get("/decisions").statusCode()).isEqualTo(200);
  }
}
