package ferry.kms;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsTagsTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");
  static final Region EAST = Region.US_EAST_1;

  @TempDir Path dataDir;
  KmsFixture fixture;
  Database db;
  KmsService kms;
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), EAST, Instant.now());
  final Caller prods3role =
      Caller.of(
          new Principal.AssumedRole(PROD, "/", "prods3role", "AROAPROD", "deploy"),
          EAST,
          Instant.now());
  final Caller tagger =
      Caller.of(
          new Principal.AssumedRole(DEV, "/", "tagger", "AROATAGGER", "s"), EAST, Instant.now());

  @BeforeEach
  void start() {
    fixture = new KmsFixture(dataDir, Clock.systemUTC());
    db = fixture.db;
    kms = fixture.kms;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void identityPolicy(String roleArn, String document) {
    fixture.identityPolicy(roleArn, document);
  }

  private static List<Tag> manyTags(int count) {
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add(new Tag("key" + i, "value" + i));
    }
    return tags;
  }

  @Test
  void tags_roundTrip_createTagEditListPageAndUntag() {
    String keyId =
        kms.keys()
            .createKey(
                dev, CreateKeyRequest.symmetric("tagged").withTags(List.of(new Tag("team", "a"))))
            .key()
            .keyId();
    kms.tags()
        .tagResource(
            dev, keyId, List.of(new Tag("team", "b"), new Tag("cost", "1"), new Tag("e", "")));
    Page<Tag> first = kms.tags().listResourceTags(dev, keyId, 2, null);
    assertThat(first.items()).containsExactly(new Tag("team", "b"), new Tag("cost", "1"));
    assertThat(first.truncated()).isTrue();
    Page<Tag> second = kms.tags().listResourceTags(dev, keyId, 2, first.nextMarker());
    assertThat(second.items()).containsExactly(new Tag("e", ""));
    assertThat(second.truncated()).isFalse();
    assertAwsError(
        () -> kms.tags().listResourceTags(dev, keyId, null, "nope"), "InvalidMarkerException");
    assertAwsError(() -> kms.tags().listResourceTags(dev, keyId, 51, null), "ValidationException")
        .contains("less than or equal to 50");

    kms.tags().untagResource(dev, keyId, List.of("cost", "absent"));
    assertThat(kms.tags().listResourceTags(dev, keyId, null, null).items())
        .containsExactly(new Tag("team", "b"), new Tag("e", ""));
  }

  @Test
  void badTags_areRefusedWithAwsErrors_andNothingIsStored() {
    int keysBefore = kms.keys().listKeys(dev, null, null).items().size();
    assertAwsError(
            () -> kms.keys().createKey(dev, CreateKeyRequest.symmetric("k").withTags(manyTags(51))),
            "TagException")
        .isEqualTo("Too many tags");
    assertAwsError(
            () ->
                kms.keys()
                    .createKey(
                        dev,
                        CreateKeyRequest.symmetric("k")
                            .withTags(List.of(new Tag("a", "1"), new Tag("a", "2")))),
            "TagException")
        .isEqualTo("Duplicate tag keys");
    assertThat(kms.keys().listKeys(dev, null, null).items()).hasSize(keysBefore);

    String keyId = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key().keyId();
    kms.tags().tagResource(dev, keyId, List.of(new Tag("keep", "me")));
    assertAwsError(
            () -> kms.tags().tagResource(dev, keyId, List.of(new Tag("AWS:x", "1"))),
            "TagException")
        .isEqualTo("Tags beginning with aws: are reserved");
    assertAwsError(
            () -> kms.tags().tagResource(dev, keyId, List.of(new Tag("k".repeat(129), "1"))),
            "ValidationException")
        .contains("at 'tags.1.member.tagKey' failed to satisfy constraint")
        .endsWith("Member must have length less than or equal to 128");
    assertAwsError(
            () ->
                kms.tags()
                    .tagResource(
                        dev, keyId, List.of(new Tag("ok", "1"), new Tag("v", "v".repeat(257)))),
            "ValidationException")
        .contains("at 'tags.2.member.tagValue'");
    assertAwsError(
        () -> kms.tags().tagResource(dev, keyId, manyTags(50)), "LimitExceededException");
    assertAwsError(
        () -> kms.tags().untagResource(dev, keyId, List.of("aws:cloudformation:stack-name")),
        "TagException");
    assertThat(kms.tags().listResourceTags(dev, keyId, null, null).items())
        .containsExactly(new Tag("keep", "me"));

    kms.tags().tagResource(dev, keyId, manyTags(49));
    assertThat(kms.tags().listResourceTags(dev, keyId, null, null).items()).hasSize(50);
    kms.keys().scheduleKeyDeletion(dev, keyId, 7);
    assertAwsError(
        () -> kms.tags().tagResource(dev, keyId, List.of(new Tag("keep", "x"))),
        "KMSInvalidStateException");
  }

  @Test
  void keyPolicyWithResourceTag_decidesByTheKeysTags_onEveryOperation() {
    String keyPolicy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},
           "Action":"kms:*","Resource":"*"},
          {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
           "Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*",
           "Condition":{"StringEquals":{"aws:ResourceTag/stage":"deploy"}}}]}
        """;
    KmsKey key =
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("abac").withPolicy(keyPolicy)).key();
    identityPolicy(
        "arn:aws:iam::222222222222:role/prods3role",
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*"}]}
        """);
    byte[] blob =
        kms.cryptography()
            .encrypt(
                dev,
                new EncryptRequest(
                    key.keyId(), "artifact".getBytes(StandardCharsets.UTF_8), Map.of()))
            .ciphertextBlob();
    DecryptRequest decrypt = new DecryptRequest(blob, Map.of(), key.arn());

    assertAwsError(() -> kms.cryptography().decrypt(prods3role, decrypt), "AccessDeniedException");
    kms.tags().tagResource(dev, key.keyId(), List.of(new Tag("stage", "deploy")));
    assertThat(kms.cryptography().decrypt(prods3role, decrypt).plaintext())
        .isEqualTo("artifact".getBytes(StandardCharsets.UTF_8));
    assertThat(kms.keys().describeKey(prods3role, key.arn()).key().keyId()).isEqualTo(key.keyId());
    kms.tags().tagResource(dev, key.keyId(), List.of(new Tag("stage", "retired")));
    assertAwsError(() -> kms.cryptography().decrypt(prods3role, decrypt), "AccessDeniedException");
  }

  @Test
  void iamPolicyWithRequestTagAndTagKeys_decidesTagResourceAndCreateKey() {
    identityPolicy(
        "arn:aws:iam::111111111111:role/tagger",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["kms:TagResource","kms:CreateKey"],"Resource":"*",
           "Condition":{"StringEquals":{"aws:RequestTag/env":"prod"},
                        "ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}},
          {"Effect":"Allow","Action":"kms:UntagResource","Resource":"*",
           "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["scratch"]}}},
          {"Effect":"Allow","Action":"kms:PutKeyPolicy","Resource":"*"},
          {"Effect":"Allow","Action":"kms:ListResourceTags","Resource":"*",
           "Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}]}
        """);
    assertAwsError(
        () ->
            kms.keys()
                .createKey(
                    tagger,
                    CreateKeyRequest.symmetric("k").withTags(List.of(new Tag("env", "dev")))),
        "AccessDeniedException");
    String keyId =
        kms.keys()
            .createKey(
                tagger, CreateKeyRequest.symmetric("k").withTags(List.of(new Tag("env", "prod"))))
            .key()
            .keyId();
    assertThat(kms.tags().listResourceTags(tagger, keyId, null, null).items())
        .containsExactly(new Tag("env", "prod"));

    assertAwsError(
        () -> kms.tags().tagResource(tagger, keyId, List.of(new Tag("env", "dev"))),
        "AccessDeniedException");
    assertAwsError(
        () ->
            kms.tags()
                .tagResource(tagger, keyId, List.of(new Tag("env", "prod"), new Tag("x", "y"))),
        "AccessDeniedException");
    assertAwsError(
        () -> kms.tags().untagResource(tagger, keyId, List.of("env")), "AccessDeniedException");
    kms.tags().untagResource(tagger, keyId, List.of("scratch"));
    kms.tags().tagResource(dev, keyId, List.of(new Tag("env", "staging")));
    assertAwsError(
        () -> kms.tags().listResourceTags(tagger, keyId, null, null), "AccessDeniedException");
  }
}
