package ferry.kms;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsKeyDescriptionTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final Region EAST = Region.US_EAST_1;

  @TempDir Path dataDir;
  KmsFixture fixture;
  KmsService kms;
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), EAST, Instant.now());
  final Caller prod =
      Caller.of(new Principal.AccountRoot(AccountId.of("222222222222")), EAST, Instant.now());
  final Caller editor =
      Caller.of(
          new Principal.AssumedRole(DEV, "/", "editor", "AROAEDITOR", "s"), EAST, Instant.now());

  @BeforeEach
  void start() {
    fixture = new KmsFixture(dataDir, Clock.systemUTC());
    kms = fixture.kms;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private String description(String keyId) {
    return kms.keys().describeKey(dev, keyId).key().description();
  }

  @Test
  void updateKeyDescription_storesIt_byKeyIdOrArn_onADisabledKeyToo() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("one")).key();
    kms.keys().updateKeyDescription(dev, key.keyId(), "two");
    assertThat(description(key.keyId())).isEqualTo("two");
    kms.keys().disableKey(dev, key.keyId());
    kms.keys().updateKeyDescription(dev, key.arn(), "");
    assertThat(description(key.keyId())).isEmpty();
  }

  @Test
  void updateKeyDescription_isAuthorizedAsKmsUpdateKeyDescription_andNotAcrossAccounts() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("one")).key();
    assertAwsError(
            () -> kms.keys().updateKeyDescription(editor, key.keyId(), "two"),
            "AccessDeniedException")
        .contains("kms:UpdateKeyDescription");
    assertAwsError(
        () -> kms.keys().updateKeyDescription(prod, key.arn(), "two"), "NotFoundException");
    assertThat(description(key.keyId())).isEqualTo("one");

    fixture.identityPolicy(
        "arn:aws:iam::111111111111:role/editor",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"kms:UpdateKeyDescription","Resource":"*"}]}
        """);
    kms.keys().updateKeyDescription(editor, key.keyId(), "two");
    assertThat(description(key.keyId())).isEqualTo("two");
  }

  @Test
  void updateKeyDescription_ofAKeyPendingDeletion_orTooLong_isRefused_andNothingChanges() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("one")).key();
    assertAwsError(
            () -> kms.keys().updateKeyDescription(dev, key.keyId(), "d".repeat(8193)),
            "ValidationException")
        .contains("8192");
    assertAwsError(
        () -> kms.keys().updateKeyDescription(dev, "1234abcd-12ab-34cd-56ef-1234567890ab", "x"),
        "NotFoundException");
    kms.keys().scheduleKeyDeletion(dev, key.keyId(), 7);
    assertAwsError(
            () -> kms.keys().updateKeyDescription(dev, key.keyId(), "two"),
            "KMSInvalidStateException")
        .isEqualTo(key.arn() + " is pending deletion.");
    kms.keys().cancelKeyDeletion(dev, key.keyId());
    assertThat(description(key.keyId())).isEqualTo("one");
  }
}
