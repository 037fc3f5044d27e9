package ferry.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.RootCredentials;
import ferry.testing.RunningFerry;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;

/** The console's sessions, forms and errors, against a running Ferry over HTTP. */
class ConsoleHandlerTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  private ConsoleClient signedIn(String account) throws Exception {
    RootCredentials root = ferry.ferry().root(account);
    var client = new ConsoleClient(ferry.endpoint());
    assertThat(client.signIn(root.accessKeyId(), root.secretAccessKey()).statusCode())
        .isEqualTo(303);
    return client;
  }

  @Test
  void signIn_withRootKey_setsAnHttpOnlyStrictCookie_andOpensTheOverview() throws Exception {
    RootCredentials root = ferry.ferry().root("dev");
    var client = new ConsoleClient(ferry.endpoint());

    var response = client.signIn(root.accessKeyId(), root.secretAccessKey());

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/_ferry/console/");
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("ferry-console=")
        .contains("; Path=/_ferry/console")
        .contains("; HttpOnly")
        .contains("; SameSite=Strict");
    var overview = client.get("/");
    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body())
        .contains("Account 111111111111")
        .contains("arn:aws:iam::111111111111:root")
        .contains("Buckets");
  }

  @Test
  void aWrongKeyPair_isASignInError_andNoSession() throws Exception {
    RootCredentials root = ferry.ferry().root("dev");
    var client = new ConsoleClient(ferry.endpoint());

    var response = client.signIn(root.accessKeyId(), root.secretAccessKey() + "x");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains(SignIn.FAILED.substring(0, 40)).contains("Sign in");
    assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(client.signIn("AKIANOSUCHKEY0000000", "secret").statusCode()).isEqualTo(401);
    assertThat(client.signIn(root.accessKeyId(), root.secretAccessKey()).statusCode())
        .isEqualTo(303);
  }

  @Test
  void aSessionTokenIsNeededForTemporaryCredentials_andSignsThemIn() throws Exception {
    var session = ferry.sts("dev").getSessionToken().credentials();
    var client = new ConsoleClient(ferry.endpoint());

    assertThat(client.signIn(session.accessKeyId(), session.secretAccessKey()).statusCode())
        .isEqualTo(401);
    assertThat(
            client
                .signIn(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())
                .statusCode())
        .isEqualTo(303);
    assertThat(client.get("/").body()).contains("Account 111111111111");
  }

  @Test
  void aFormPostedWithoutItsToken_isRefused() throws Exception {
    var client = signedIn("dev");

    var without = client.post("/signout", Map.of());
    var wrong = client.post("/signout", Map.of("csrf", "not-the-token"));

    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(without.body()).contains("Form refused");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(client.get("/").statusCode()).as("still signed in").isEqualTo(200);
  }

  @Test
  void signOut_endsTheSession() throws Exception {
    var client = signedIn("dev");
    String cookie = client.cookie();

    var out = client.postWithToken("/signout", Map.of());

    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
    client.cookie(cookie);
    var after = client.get("/");
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.body()).contains("You are signed out");
  }

  @Test
  void aTamperedCookie_isTheSignedOutPage_andTheServerKeepsServing() throws Exception {
    var client = signedIn("dev");
    String cookie = client.cookie();
    client.cookie(cookie.substring(0, cookie.length() - 2) + "xx");

    var tampered = client.get("/");

    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(tampered.body()).contains("You are signed out").doesNotContain("111111111111");
    client.cookie(cookie);
    assertThat(client.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutACookie_aPageRedirectsToSignIn() throws Exception {
    var client = new ConsoleClient(ferry.endpoint());

    var response = client.get("/switch-role");

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/_ferry/console/signin");
    assertThat(client.get("/signin").body()).contains("Access key ID");
  }

  @Test
  void unknownPages_are404Pages() throws Exception {
    var client = signedIn("dev");

    for (String path : new String[] {"/no-such-page", "/s3/buckets/x/y/z/w", "/%ff"}) {
      var response = client.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).contains("Page not found");
    }
    assertThat(new ConsoleClient(ferry.endpoint()).get("/nothing").statusCode()).isEqualTo(404);
    assertThat(client.get("/").statusCode()).isEqualTo(200);
  }

  @Test
  void theConsolePrefixDoesNotTakeOverOtherFerryPaths() throws Exception {
    var client = new ConsoleClient(ferry.endpoint());
    var response =
        client.send(HttpRequest.newBuilder(ferry.endpoint().resolve("/_ferry/consolex")).GET());
    assertThat(response.body()).doesNotContain("Ferry console");
  }

  @Test
  void assets_areServedFromTheJar() throws Exception {
    var client = new ConsoleClient(ferry.endpoint());

    var css = client.get("/assets/console.css");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> t.startsWith("text/css"));
    assertThat(client.get("/assets/other.css").statusCode()).isEqualTo(404);
  }

  @Test
  void aUserWithoutPermissions_seesDenialPanels_notCounts() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("nobody"));
    CreateAccessKeyResponse key = iam.createAccessKey(b -> b.userName("nobody"));
    var client = new ConsoleClient(ferry.endpoint());
    assertThat(
            client
                .signIn(key.accessKey().accessKeyId(), key.accessKey().secretAccessKey())
                .statusCode())
        .isEqualTo(303);

    var overview = client.get("/");

    assertThat(overview.statusCode()).isEqualTo(200);
    assertThat(overview.body())
        .contains("arn:aws:iam::111111111111:user/nobody")
        .contains("Access denied")
        .contains("s3:ListAllMyBuckets")
        .contains("iam:ListRoles")
        .contains("kms:ListKeys")
        .contains("codepipeline:ListPipelines");
  }

  @Test
  void switchRole_asRoot_isDenied_withTheExplanation() throws Exception {
    var client = signedIn("dev");

    var response =
        client.postWithToken(
            "/switch-role", Map.of("account", "222222222222", "role", "NoSuchRole"));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Access denied").contains("root");
  }

  @Test
  void switchRole_intoAnotherAccount_whenTheTrustPolicyAllows_andBack() throws Exception {
    ferry
        .iam("prod")
        .createRole(b ->
            b.roleName("console-admin")
                .assumeRolePolicyDocument(
                    """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                     "Principal":{"AWS":"arn:aws:iam::111111111111:root"},
                     "Action":"sts:AssumeRole"}]}\
                    """));
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("switcher"));
    iam.putUserPolicy(b ->
        b.userName("switcher")
            .policyName("assume")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"sts:AssumeRole","Resource":"arn:aws:iam::222222222222:role/console-admin"}]}\
                """));
    CreateAccessKeyResponse key = iam.createAccessKey(b -> b.userName("switcher"));
    var client = new ConsoleClient(ferry.endpoint());
    client.signIn(key.accessKey().accessKeyId(), key.accessKey().secretAccessKey());

    var denied =
        client.postWithToken("/switch-role", Map.of("account", "222222222222", "role", "other"));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("Access denied");

    var switched =
        client.postWithToken(
            "/switch-role", Map.of("account", "222222222222", "role", "console-admin"));
    assertThat(switched.statusCode()).isEqualTo(303);
    var overview = client.get("/");
    assertThat(overview.body())
        .contains("Account 222222222222")
        .contains("arn:aws:sts::222222222222:assumed-role/console-admin/switcher")
        .contains("Switch back");

    assertThat(client.postWithToken("/switch-back", Map.of()).statusCode()).isEqualTo(303);
    assertThat(client.get("/").body()).contains("arn:aws:iam::111111111111:user/switcher");
  }

  @Test
  void aBadSwitchRoleForm_isAFormError() throws Exception {
    var client = signedIn("dev");

    var response = client.postWithToken("/switch-role", Map.of("account", "12", "role", "x"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("12-digit account ID");
  }
}
