package ferry.accessanalyzer.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.testing.RunningFerry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /_ferry/unused}: which policies it reads for a role, a user with groups, and root. */
class UnusedAccessEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String READ =
      """
      {"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow",
       "Action":"s3:GetObject","Resource":"*"}]}\
      """;

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static String account;
  static String policyArn;

  @BeforeAll
  static void play() {
    account = ferry.ferry().root("dev").account().value();
    var iam = ferry.iam("dev");
    policyArn = iam.createPolicy(b -> b.policyName("read").policyDocument(READ)).policy().arn();
    iam.createRole(b ->
        b.roleName("deploy")
            .path("/ci/")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
                """));
    iam.attachRolePolicy(b -> b.roleName("deploy").policyArn(policyArn));
    iam.createUser(b -> b.userName("ann"));
    iam.createGroup(b -> b.groupName("readers"));
    iam.addUserToGroup(b -> b.groupName("readers").userName("ann"));
    iam.attachGroupPolicy(b -> b.groupName("readers").policyArn(policyArn));
    iam.putUserPolicy(b -> b.userName("ann").policyName("own").policyDocument(READ));
  }

  private static HttpResponse<String> send(String method, String principal) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create(
                      ferry.endpoint().toString().replaceAll("/$", "")
                          + "/_ferry/unused?principal="
                          + URLEncoder.encode(principal, StandardCharsets.UTF_8)))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static JsonNode get(String principal) throws Exception {
    HttpResponse<String> response = send("GET", principal);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  @Test
  void aRoleWithAPath_isReadWithItsAttachedPolicy() throws Exception {
    JsonNode answer = get("arn:aws:iam::" + account + ":role/ci/deploy");

    assertThat(answer.path("policies")).hasSize(1);
    assertThat(answer.path("policies").get(0).path("policy").asText()).isEqualTo(policyArn);
    assertThat(answer.path("policies").get(0).path("statements").get(0).path("statement").asText())
        .isEqualTo("statement 1 (Sid \"Read\")");
  }

  @Test
  void aUser_isReadWithItsOwnAndItsGroupsPolicies() throws Exception {
    JsonNode answer = get("arn:aws:iam::" + account + ":user/ann");

    assertThat(answer.path("policies"))
        .extracting(policy -> policy.path("policy").asText())
        .containsExactlyInAnyOrder(
            "inline policy own of user ann", policyArn + " via group readers");
  }

  @Test
  void root_hasNoIdentityPolicies() throws Exception {
    assertThat(get("arn:aws:iam::" + account + ":root").path("policies")).isEmpty();
  }

  @Test
  void onlyGetIsServed() throws Exception {
    HttpResponse<String> response = send("POST", "arn:aws:iam::" + account + ":root");

    assertThat(response.statusCode()).isEqualTo(405);
  }
}
