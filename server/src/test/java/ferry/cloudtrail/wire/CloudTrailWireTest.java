package ferry.cloudtrail.wire;

import static ferry.aws.Region.US_EAST_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.sts.AssumeRoleRequest;
import ferry.testing.RunningFerry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailException;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class CloudTrailWireTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_BODY = "object bytes that no event may hold";

  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static CloudTrailClient dev;
  static CloudTrailClient prod;

  static CloudTrailClient client(String account) {
    return CloudTrailClient.builder()
        .endpointOverride(ferry.endpoint())
        .region(Region.US_EAST_1)
        .httpClient(Apache5HttpClient.create())
        .credentialsProvider(ferry.credentials(account))
        .build();
  }

  @BeforeAll
  static void play() {
    dev = client("dev");
    prod = client("prod");
    S3Client s3 = ferry.s3("dev");
    s3.createBucket(b -> b.bucket("trail-shared"));
    s3.putBucketPolicy(b ->
        b.bucket("trail-shared")
            .policy(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::trail-shared/*"}]}
                """));
    s3.putObject(
        b -> b.bucket("trail-shared").key("site/index.html"), RequestBody.fromString(SECRET_BODY));
    ferry.s3("prod").getObject(b -> b.bucket("trail-shared").key("site/index.html"));
    assertThatThrownBy(() ->
            ferry
                .s3("prod")
                .putObject(
                    b -> b.bucket("trail-shared").key("denied"), RequestBody.fromString("x")))
        .isInstanceOf(S3Exception.class);
  }

  @AfterAll
  static void stop() {
    dev.close();
    prod.close();
  }

  private static List<Event> lookup(CloudTrailClient client, LookupAttributeKey key, String value) {
    return client
        .lookupEvents(b ->
            b.lookupAttributes(
                LookupAttribute.builder().attributeKey(key).attributeValue(value).build()))
        .events();
  }

  private static JsonNode record(Event event) throws Exception {
    return JSON.readTree(event.cloudTrailEvent());
  }

  @Test
  void iamCreateCalls_carryTheirResponseElements_withoutAnAccessKeysSecret() throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("trail-elements"));
    var key = iam.createAccessKey(b -> b.userName("trail-elements")).accessKey();
    iam.createRole(b ->
        b.roleName("trail-elements-role")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
                """));

    JsonNode user =
        record(lookup(dev, LookupAttributeKey.EVENT_NAME, "CreateUser").getFirst())
            .path("responseElements")
            .path("user");
    assertThat(user.path("userName").asText()).isEqualTo("trail-elements");
    assertThat(user.path("arn").asText())
        .isEqualTo("arn:aws:iam::111111111111:user/trail-elements");
    assertThat(user.path("createDate").asText()).isNotEmpty();
    Event created = lookup(dev, LookupAttributeKey.EVENT_NAME, "CreateAccessKey").getFirst();
    JsonNode accessKey = record(created).path("responseElements").path("accessKey");
    assertThat(accessKey.path("accessKeyId").asText()).isEqualTo(key.accessKeyId());
    assertThat(accessKey.path("status").asText()).isEqualTo("Active");
    assertThat(accessKey.has("secretAccessKey")).isFalse();
    assertThat(created.cloudTrailEvent()).doesNotContain(key.secretAccessKey());
    JsonNode role =
        record(lookup(dev, LookupAttributeKey.EVENT_NAME, "CreateRole").getFirst())
            .path("responseElements")
            .path("role");
    assertThat(role.path("roleName").asText()).isEqualTo("trail-elements-role");
    assertThat(role.path("assumeRolePolicyDocument").asText())
        .contains("codepipeline.amazonaws.com");
  }

  @Test
  void anAssumeRoleMadeInsideFerry_carriesItsSession_withoutSecretOrToken() throws Exception {
    var iam = ferry.iam("dev");
    iam.createRole(b ->
        b.roleName("trail-engine-role")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"Service":"codepipeline.amazonaws.com"},"Action":"sts:AssumeRole"}]}\
                """));
    var session =
        ferry
            .ferry()
            .sts()
            .assumeRoleAsService(
                "codepipeline.amazonaws.com",
                AssumeRoleRequest.of(
                    "arn:aws:iam::111111111111:role/trail-engine-role", "engine-session"),
                US_EAST_1);

    Event assumed =
        lookup(dev, LookupAttributeKey.USERNAME, "codepipeline.amazonaws.com").stream()
            .filter(e -> e.eventName().equals("AssumeRole"))
            .findFirst()
            .orElseThrow();
    JsonNode elements = record(assumed).path("responseElements");
    assertThat(elements.path("assumedRoleUser").path("arn").asText())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/trail-engine-role/engine-session");
    assertThat(elements.path("credentials").path("accessKeyId").asText())
        .isEqualTo(session.credentials().accessKeyId());
    assertThat(elements.path("credentials").has("sessionToken")).isFalse();
    assertThat(assumed.cloudTrailEvent())
        .doesNotContain(session.credentials().secretAccessKey())
        .doesNotContain(session.credentials().sessionToken());
  }

  @Test
  void putObject_isRecorded_inCloudTrailsFormat_withoutItsBytes() throws Exception {
    // Prod's denied PutObject into dev's bucket is recorded in dev too.
    List<Event> puts = new ArrayList<>();
    for (Event event : lookup(dev, LookupAttributeKey.EVENT_NAME, "PutObject")) {
      if (!record(event).has("errorCode")) {
        puts.add(event);
      }
    }
    assertThat(puts).hasSize(1);
    Event put = puts.getFirst();
    assertThat(put.eventSource()).isEqualTo("s3.amazonaws.com");
    assertThat(put.username()).isEqualTo("root");
    assertThat(put.resources()).anyMatch(r -> r.resourceType().equals("AWS::S3::Bucket"));
    JsonNode record = record(put);
    assertThat(record.path("eventVersion").asText()).isEqualTo("1.09");
    assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("Root");
    assertThat(record.path("userIdentity").path("accessKeyId").asText())
        .isEqualTo(ferry.ferry().root("dev").accessKeyId());
    assertThat(record.path("requestParameters").path("key").asText()).isEqualTo("site/index.html");
    assertThat(record.path("eventCategory").asText()).isEqualTo("Data");
    assertThat(record.path("managementEvent").asBoolean()).isFalse();
    assertThat(record.path("additionalEventData").path("ferryDecisionId").asText())
        .startsWith("d-");
    assertThat(record.path("recipientAccountId").asText()).isEqualTo("111111111111");
  }

  @Test
  void crossAccountGetObject_isRecordedInBothAccounts_withOneSharedEventId() throws Exception {
    JsonNode inProd = record(lookup(prod, LookupAttributeKey.EVENT_NAME, "GetObject").getFirst());
    JsonNode inDev = record(lookup(dev, LookupAttributeKey.EVENT_NAME, "GetObject").getFirst());
    assertThat(inProd.path("sharedEventID").asText()).isNotEmpty();
    assertThat(inDev.path("sharedEventID").asText())
        .isEqualTo(inProd.path("sharedEventID").asText());
    assertThat(inDev.path("eventID").asText()).isNotEqualTo(inProd.path("eventID").asText());
    assertThat(inDev.path("recipientAccountId").asText()).isEqualTo("111111111111");
    assertThat(inProd.path("recipientAccountId").asText()).isEqualTo("222222222222");
    assertThat(inDev.path("userIdentity").path("accountId").asText()).isEqualTo("222222222222");
  }

  @Test
  void deniedCall_showsItsErrorCode_andDecisionId() throws Exception {
    List<Event> denied = new ArrayList<>();
    for (Event event : lookup(prod, LookupAttributeKey.EVENT_NAME, "PutObject")) {
      if (record(event).has("errorCode")) {
        denied.add(event);
      }
    }
    assertThat(denied).hasSize(1);
    JsonNode record = record(denied.getFirst());
    assertThat(record.path("errorCode").asText()).isEqualTo("AccessDenied");
    String decision = record.path("additionalEventData").path("ferryDecisionId").asText();
    assertThat(ferry.ferry().decisions().find(decision)).isPresent();
    assertThat(record.path("errorMessage").asText()).contains(decision);
  }

  @Test
  void lookups_byEveryAttribute_findTheEvents() {
    assertThat(lookup(dev, LookupAttributeKey.RESOURCE_NAME, "trail-shared")).isNotEmpty();
    assertThat(lookup(dev, LookupAttributeKey.RESOURCE_TYPE, "AWS::S3::Object")).isNotEmpty();
    // An object's event names its bucket by ARN and by name: listed once all the same.
    assertThat(lookup(dev, LookupAttributeKey.RESOURCE_TYPE, "AWS::S3::Bucket"))
        .isNotEmpty()
        .extracting(Event::eventId)
        .doesNotHaveDuplicates();
    assertThat(lookup(dev, LookupAttributeKey.USERNAME, "root")).isNotEmpty();
    assertThat(lookup(dev, LookupAttributeKey.EVENT_SOURCE, "s3.amazonaws.com")).isNotEmpty();
    assertThat(lookup(dev, LookupAttributeKey.READ_ONLY, "false")).isNotEmpty();
    assertThat(
            lookup(dev, LookupAttributeKey.ACCESS_KEY_ID, ferry.ferry().root("dev").accessKeyId()))
        .isNotEmpty();
    Event any = lookup(dev, LookupAttributeKey.EVENT_NAME, "PutObject").getFirst();
    assertThat(lookup(dev, LookupAttributeKey.EVENT_ID, any.eventId()))
        .extracting(Event::eventId)
        .containsExactly(any.eventId());
    assertThat(lookup(prod, LookupAttributeKey.EVENT_ID, any.eventId())).isEmpty();
  }

  @Test
  void pages_coverEveryEventOnce() {
    List<String> all = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      LookupEventsResponse page = dev.lookupEvents(b -> b.maxResults(1).nextToken(next));
      assertThat(page.events()).hasSizeLessThanOrEqualTo(1);
      page.events().forEach(e -> all.add(e.eventId()));
      token = page.nextToken();
    } while (token != null);
    assertThat(all).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void noEvent_holdsObjectBytesOrSecretKeys() {
    String secret = ferry.ferry().root("dev").secretAccessKey();
    for (CloudTrailClient client : List.of(dev, prod)) {
      for (Event event : client.lookupEvents(b -> b.maxResults(50)).events()) {
        assertThat(event.cloudTrailEvent()).doesNotContain(SECRET_BODY).doesNotContain(secret);
      }
    }
  }

  @Test
  void badInput_getsCloudTrailsErrors_andTheNextRequestSucceeds() {
    assertThatThrownBy(() -> dev.lookupEvents(b -> b.maxResults(51)))
        .isInstanceOfSatisfying(
            CloudTrailException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidMaxResultsException"));
    assertThatThrownBy(() ->
            dev.lookupEvents(b ->
                b.lookupAttributes(
                    LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.EVENT_NAME)
                        .attributeValue("A")
                        .build(),
                    LookupAttribute.builder()
                        .attributeKey(LookupAttributeKey.USERNAME)
                        .attributeValue("B")
                        .build())))
        .isInstanceOfSatisfying(
            CloudTrailException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("InvalidLookupAttributesException"));
    assertThatThrownBy(() -> dev.lookupEvents(b -> b.nextToken("!!not a token")))
        .isInstanceOfSatisfying(
            CloudTrailException.class,
            e ->
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidNextTokenException"));
    assertThat(dev.lookupEvents(b -> b.maxResults(5)).events()).isNotEmpty();
  }

  @Test
  void s3Events_areNamedForTheApiOperation_notTheIamAction() throws Exception {
    S3Client s3 = ferry.s3("dev");
    s3.headObject(b -> b.bucket("trail-shared").key("site/index.html"));
    s3.listObjectsV2(b -> b.bucket("trail-shared"));
    JsonNode head = record(lookup(dev, LookupAttributeKey.EVENT_NAME, "HeadObject").getFirst());
    assertThat(head.path("requestParameters").path("key").asText()).isEqualTo("site/index.html");
    assertThat(head.path("readOnly").asBoolean()).isTrue();
    JsonNode list = record(lookup(dev, LookupAttributeKey.EVENT_NAME, "ListObjectsV2").getFirst());
    assertThat(list.path("eventCategory").asText()).isEqualTo("Data");
  }

  @Test
  void signedCalls_thatNeedNoAuthorization_areRecorded() throws Exception {
    try (var sts = ferry.sts("dev")) {
      sts.getCallerIdentity();
    }
    JsonNode record =
        record(lookup(dev, LookupAttributeKey.EVENT_NAME, "GetCallerIdentity").getFirst());
    assertThat(record.path("eventSource").asText()).isEqualTo("sts.amazonaws.com");
    assertThat(record.path("userIdentity").path("type").asText()).isEqualTo("Root");
    assertThat(record.path("readOnly").asBoolean()).isTrue();
  }

  @Test
  void anonymousS3Request_isRecordedInTheBucketOwnersAccount() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var response =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    ferry.endpoint().resolve("/trail-shared/site/index.html"))
                .header("User-Agent", "anonymous-trail-test")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
    String requestId = response.headers().firstValue("x-amz-request-id").orElseThrow();
    JsonNode found = null;
    for (Event event : lookup(dev, LookupAttributeKey.EVENT_NAME, "GetObject")) {
      if (record(event).path("requestID").asText().equals(requestId)) {
        found = record(event);
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.path("userIdentity").path("accountId").asText())
        .isEqualTo("ANONYMOUS_PRINCIPAL");
    assertThat(found.path("errorCode").asText()).isEqualTo("AccessDenied");
  }

  @Test
  void assumeRole_isRecordedWithItsResponse_butNoSecret_andTheSessionsCallsCarryItsCreation()
      throws Exception {
    var iam = ferry.iam("dev");
    iam.createUser(b -> b.userName("trail-alice"));
    iam.putUserPolicy(b ->
        b.userName("trail-alice")
            .policyName("assume")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":["sts:AssumeRole","s3:ListAllMyBuckets"],"Resource":"*"}]}
                """));
    var key = iam.createAccessKey(b -> b.userName("trail-alice")).accessKey();
    iam.createRole(b ->
        b.roleName("trail-role")
            .assumeRolePolicyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}
                """));
    iam.putRolePolicy(b ->
        b.roleName("trail-role")
            .policyName("list")
            .policyDocument(
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Action":"s3:ListAllMyBuckets","Resource":"*"}]}
                """));
    var alice =
        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                key.accessKeyId(), key.secretAccessKey()));
    software.amazon.awssdk.services.sts.model.Credentials session;
    try (var sts = ferry.sts(alice)) {
      session =
          sts.assumeRole(b ->
                  b.roleArn("arn:aws:iam::111111111111:role/trail-role")
                      .roleSessionName("trail-session"))
              .credentials();
    }
    JsonNode assume = null;
    for (Event event : lookup(dev, LookupAttributeKey.EVENT_NAME, "AssumeRole")) {
      if (event.username().equals("trail-alice")) {
        assume = record(event);
      }
    }
    assertThat(assume).isNotNull();
    JsonNode response = assume.path("responseElements");
    assertThat(response.path("credentials").path("accessKeyId").asText())
        .isEqualTo(session.accessKeyId());
    assertThat(response.path("credentials").path("expiration").asText()).isNotEmpty();
    assertThat(response.path("assumedRoleUser").path("arn").asText())
        .isEqualTo("arn:aws:sts::111111111111:assumed-role/trail-role/trail-session");
    assertThat(assume.toString())
        .doesNotContain(session.secretAccessKey())
        .doesNotContain(session.sessionToken())
        .doesNotContain(key.secretAccessKey());

    var asRole =
        software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken()));
    try (var s3 =
        S3Client.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(asRole)
            .build()) {
      s3.listBuckets();
    }
    JsonNode list = record(lookup(dev, LookupAttributeKey.USERNAME, "trail-session").getFirst());
    assertThat(list.path("eventName").asText()).isEqualTo("ListBuckets");
    JsonNode attributes = list.path("userIdentity").path("sessionContext").path("attributes");
    assertThat(attributes.path("creationDate").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(attributes.path("mfaAuthenticated").asText()).isEqualTo("false");
  }
}
