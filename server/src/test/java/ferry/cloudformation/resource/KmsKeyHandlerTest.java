package ferry.cloudformation.resource;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.kms.KeyPolicies;
import ferry.kms.KeyState;
import ferry.kms.KmsKey;
import ferry.kms.Tag;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsKeyHandlerTest {
  private static final String KEY_POLICY =
      """
      {"Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": [
        {"Sid": "Enable IAM User Permissions", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111111111111:root"}, "Action": "kms:*",
         "Resource": "*"},
        {"Sid": "Allow use of the key", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::222222222222:root"},
         "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]}
      """;

  @TempDir Path dir;
  HandlerFixture world;
  KmsKeyHandler handler;

  @BeforeEach
  void start() {
    world = new HandlerFixture(dir);
    handler = new KmsKeyHandler(world.kms);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void schema_hasNoCreateOnlyProperty_andReadsArnAndKeyId() {
    assertThat(handler.schema().createOnly()).isEmpty();
    assertThat(handler.schema().required()).isEmpty();
    assertThat(handler.schema().attributes()).containsExactlyInAnyOrder("Arn", "KeyId");
  }

  @Test
  void create_withoutAKeyPolicy_getsTheDefaultKeyPolicy() {
    Provisioned key = handler.create(world.request("Key", "{\"Description\": \"s3deploykey\"}"));

    assertThat(key.attributes().get("KeyId")).isEqualTo(key.physicalId());
    assertThat(key.attributes().get("Arn"))
        .isEqualTo("arn:aws:kms:us-east-1:111111111111:key/" + key.physicalId());
    assertThat(world.kms.policies().getKeyPolicy(world.root, key.physicalId(), null))
        .isEqualTo(KeyPolicies.defaultPolicy(HandlerFixture.DEV));
    assertThat(describe(key).description()).isEqualTo("s3deploykey");
  }

  @Test
  void create_withPolicyRotationDisabledAndTags() {
    Provisioned key =
        handler.create(
            world.request(
                world.root,
                "Key",
                """
                {"KeyPolicy": %s, "EnableKeyRotation": true, "RotationPeriodInDays": 180,
                 "Enabled": "false", "Tags": [{"Key": "team", "Value": "web"}]}
                """
                    .formatted(KEY_POLICY),
                Map.of("env", "dev")));

    assertThat(world.kms.policies().getKeyPolicy(world.root, key.physicalId(), null))
        .contains("222222222222");
    var rotation = world.kms.rotations().getKeyRotationStatus(world.root, key.physicalId());
    assertThat(rotation.keyRotationEnabled()).isTrue();
    assertThat(rotation.rotationPeriodInDays()).isEqualTo(180);
    assertThat(describe(key).state()).isEqualTo(KeyState.DISABLED);
    assertThat(describe(key).tags())
        .containsExactlyInAnyOrder(new Tag("env", "dev"), new Tag("team", "web"));
  }

  @Test
  void create_ofAMultiRegionKey_makesAMultiRegionPrimary() {
    Provisioned key = handler.create(world.request("Key", "{\"MultiRegion\": true}"));

    assertThat(key.physicalId()).startsWith("mrk-");
    assertThat(describe(key).multiRegion()).isTrue();
  }

  @Test
  void update_inPlace_changesThePolicyTheStateAndTheTags() {
    String first =
        "{\"Tags\": [{\"Key\": \"a\", \"Value\": \"1\"}, {\"Key\": \"b\", \"Value\": \"2\"}]}";
    Provisioned key = handler.create(world.request("Key", first));

    Provisioned updated =
        handler.update(
            world.request(
                "Key",
                """
                {"KeyPolicy": %s, "Enabled": false,
                 "Tags": [{"Key": "b", "Value": "3"}, {"Key": "c", "Value": "4"}]}
                """
                    .formatted(KEY_POLICY)),
            key,
            HandlerFixture.json(first));

    assertThat(updated).isEqualTo(key);
    assertThat(world.kms.policies().getKeyPolicy(world.root, key.physicalId(), null))
        .contains("222222222222");
    assertThat(describe(key).state()).isEqualTo(KeyState.DISABLED);
    assertThat(describe(key).tags())
        .containsExactlyInAnyOrder(new Tag("b", "3"), new Tag("c", "4"));
  }

  @Test
  void update_ofKeySpecOrKeyUsage_failsRatherThanReplacingTheKey() {
    Provisioned key = handler.create(world.request("Key", "{}"));

    assertAwsError(
            () ->
                handler.update(
                    world.request("Key", "{\"KeySpec\": \"RSA_2048\"}"),
                    key,
                    HandlerFixture.json("{}")),
            "NotUpdatable")
        .contains("You cannot change the KeySpec");
    handler.update(
        world.request("Key", "{\"KeyUsage\": \"ENCRYPT_DECRYPT\"}"),
        key,
        HandlerFixture.json("{}"));
  }

  @Test
  void rotationOfAKeyThatStaysDisabled_isRefusedAsAwsRefusesIt() {
    String first = "{\"Enabled\": false}";
    Provisioned key = handler.create(world.request("Key", first));

    assertAwsError(
            () ->
                handler.update(
                    world.request("Key", "{\"Enabled\": false, \"EnableKeyRotation\": true}"),
                    key,
                    HandlerFixture.json(first)),
            "InvalidRequest")
        .startsWith("You cannot modify the EnableKeyRotation property when the Enabled property");
  }

  @Test
  void unsupportedProperties_areRefused() {
    assertAwsError(
            () -> handler.create(world.request("Key", "{\"Origin\": \"EXTERNAL\"}")),
            "InvalidRequest")
        .contains("Origin");
    assertAwsError(
        () -> handler.create(world.request("Key", "{\"KeySpec\": \"RSA_2048\"}")),
        "UnsupportedOperationException");
    Provisioned key = handler.create(world.request("Key", "{\"Description\": \"one\"}"));
    assertAwsError(
            () ->
                handler.update(
                    world.request("Key", "{\"Description\": \"two\"}"),
                    key,
                    HandlerFixture.json("{\"Description\": \"one\"}")),
            "InvalidRequest")
        .contains("UpdateKeyDescription");
  }

  @Test
  void delete_schedulesTheDeletion_andAKeyAlreadyPendingDeletionIsDeleted() {
    Provisioned key = handler.create(world.request("Key", "{\"PendingWindowInDays\": 7}"));

    handler.delete(world.request("Key", "{\"PendingWindowInDays\": 7}"), key);
    assertThat(describe(key).state()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(describe(key).pendingWindowDays()).isEqualTo(7);
    handler.delete(world.request("Key", "{}"), key);
    handler.delete(
        world.request("Key", "{}"),
        new Provisioned("0b9b7a3e-8d1c-4a7e-9a55-7d3c3c1f0a11", Map.of()));
  }

  @Test
  void aCallerWithoutCreateKey_isDenied_andNoKeyIsMade() {
    assertAwsError(
            () -> handler.create(world.request(world.nobody(), "Key", "{}")),
            "AccessDeniedException")
        .contains("kms:CreateKey");

    assertThat(world.kms.keys().listKeys(world.root, null, null).items()).isEmpty();
  }

  private KmsKey describe(Provisioned key) {
    return world.kms.keys().describeKey(world.root, key.physicalId()).key();
  }
}
