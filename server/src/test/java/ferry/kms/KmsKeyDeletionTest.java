package ferry.kms;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import ferry.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsKeyDeletionTest {
  static final AccountId DEV = AccountId.of("111111111111");

  @TempDir Path dataDir;
  KmsFixture fixture;
  Database db;
  KmsService kms;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, Instant.now());
  final Caller admin =
      Caller.of(
          new Principal.AssumedRole(DEV, "/", "admin", "AROAADMIN", "s"),
          Region.US_EAST_1,
          Instant.now());

  @BeforeEach
  void start() {
    fixture = new KmsFixture(dataDir, clock);
    db = fixture.db;
    kms = fixture.kms;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void scheduleKeyDeletion_defaultsTo30Days_blocksEveryCryptographicOperation_untilCancelled() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("doomed")).key();
    byte[] plaintext = "x".getBytes(StandardCharsets.UTF_8);
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), plaintext, Map.of()))
            .ciphertextBlob();

    KmsKey pending = kms.keys().scheduleKeyDeletion(dev, key.keyId(), null);
    assertThat(pending.state()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(pending.pendingWindowDays()).isEqualTo(30);
    assertThat(pending.deletionDate()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
    KmsKey described = kms.keys().describeKey(dev, key.keyId()).key();
    assertThat(described.state()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(described.deletionDate()).isEqualTo(pending.deletionDate());

    String message = key.arn() + " is pending deletion.";
    assertAwsError(
            () ->
                kms.cryptography()
                    .encrypt(dev, new EncryptRequest(key.keyId(), plaintext, Map.of())),
            "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(
            () -> kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), null)),
            "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(
            () ->
                kms.cryptography()
                    .generateDataKey(dev, new GenerateDataKeyRequest(key.keyId(), Map.of(), 32)),
            "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(
            () ->
                kms.cryptography()
                    .generateDataKeyWithoutPlaintext(
                        dev, new GenerateDataKeyRequest(key.keyId(), Map.of(), 32)),
            "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(
            () ->
                kms.cryptography()
                    .reEncrypt(
                        dev, new ReEncryptRequest(blob, Map.of(), null, key.keyId(), Map.of())),
            "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(
            () -> kms.keys().scheduleKeyDeletion(dev, key.keyId(), 7), "KMSInvalidStateException")
        .isEqualTo(message);
    assertAwsError(() -> kms.keys().disableKey(dev, key.keyId()), "KMSInvalidStateException");

    KmsKey cancelled = kms.keys().cancelKeyDeletion(dev, key.keyId());
    assertThat(cancelled.state()).isEqualTo(KeyState.DISABLED);
    KmsKey after = kms.keys().describeKey(dev, key.keyId()).key();
    assertThat(after.deletionDate()).isNull();
    assertThat(after.pendingWindowDays()).isNull();
    assertAwsError(
        () -> kms.cryptography().encrypt(dev, new EncryptRequest(key.keyId(), plaintext, Map.of())),
        "DisabledException");
    kms.keys().enableKey(dev, key.keyId());
    assertThat(
            kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), null)).plaintext())
        .isEqualTo(plaintext);
  }

  @Test
  void pendingWindowOutOfRange_isValidation_andTheKeyStaysEnabled() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    assertAwsError(() -> kms.keys().scheduleKeyDeletion(dev, key.keyId(), 6), "ValidationException")
        .isEqualTo(
            "1 validation error detected: Value '6' at 'pendingWindowInDays' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 7");
    assertAwsError(
            () -> kms.keys().scheduleKeyDeletion(dev, key.keyId(), 31), "ValidationException")
        .contains("Member must have value less than or equal to 30");
    assertThat(kms.keys().describeKey(dev, key.keyId()).key().state()).isEqualTo(KeyState.ENABLED);
    assertAwsError(() -> kms.keys().cancelKeyDeletion(dev, key.keyId()), "KMSInvalidStateException")
        .isEqualTo(key.arn() + " is not pending deletion.");
  }

  @Test
  void afterTheWaitingPeriod_theKeyItsAliasesAndItsRotatedMaterialAreGone() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    kms.aliases().createAlias(dev, "alias/doomed", key.keyId());
    kms.rotations().rotateKeyOnDemand(dev, key.keyId());
    kms.keys().scheduleKeyDeletion(dev, key.keyId(), 7);
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(kms.keys().describeKey(dev, key.keyId()).key().state())
        .isEqualTo(KeyState.PENDING_DELETION);
    clock.advance(Duration.ofSeconds(1));
    assertAwsError(() -> kms.keys().describeKey(dev, key.keyId()), "NotFoundException");
    assertAwsError(() -> kms.keys().describeKey(dev, "alias/doomed"), "NotFoundException");
    assertThat(new KeyRepository(db).materials(DEV, key.keyId(), 0, 10)).isEmpty();
  }

  @Test
  void deletionCancelledOnAnotherNode_aCachedCopyPastItsDateDeletesNothing() {
    KmsService otherNode =
        new KmsService(
            new KeyRepository(db),
            new AliasRepository(db),
            new GrantRepository(db),
            MasterKey.openOrCreate(dataDir),
            new Authorizer(
                principal -> new PrincipalPolicies(List.of(), null),
                new PolicyParser(),
                new DecisionLog(),
                clock),
            new PolicyParser(),
            clock);
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    kms.keys().scheduleKeyDeletion(dev, key.keyId(), 7);
    assertThat(otherNode.keys().describeKey(dev, key.keyId()).key().state())
        .isEqualTo(KeyState.PENDING_DELETION);

    kms.keys().cancelKeyDeletion(dev, key.keyId());
    clock.advance(Duration.ofDays(8));

    assertThat(otherNode.keys().describeKey(dev, key.keyId()).key().state())
        .isEqualTo(KeyState.DISABLED);
    assertThat(new KeyRepository(db).find(DEV, Region.US_EAST_1, key.keyId())).isPresent();
  }

  @Test
  void pendingWindowConditionKey_letsAPolicyRequireALongWindow() {
    fixture.identityPolicy(
        "arn:aws:iam::111111111111:role/admin",
        """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["kms:CreateKey","kms:PutKeyPolicy",
             "kms:ScheduleKeyDeletion"],"Resource":"*"},
          {"Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*",
           "Condition":{"NumericLessThan":
             {"kms:ScheduleKeyDeletionPendingWindowInDays":"20"}}}]}
        """);
    KmsKey key = kms.keys().createKey(admin, CreateKeyRequest.symmetric("k")).key();
    assertAwsError(
        () -> kms.keys().scheduleKeyDeletion(admin, key.keyId(), 7), "AccessDeniedException");
    assertThat(kms.keys().scheduleKeyDeletion(admin, key.keyId(), 25).pendingWindowDays())
        .isEqualTo(25);
  }

  @Test
  void multiRegionPrimaryWithReplicas_isRefused_untilItsReplicasAreScheduled() {
    KmsKey primary =
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("mrk").withMultiRegion(true)).key();
    Region west = Region.of("us-west-2");
    kms.keys()
        .replicateKey(
            dev, new ReplicateKeyRequest(primary.keyId(), west, null, null, List.of(), false));
    assertAwsError(
            () -> kms.keys().scheduleKeyDeletion(dev, primary.keyId(), 7),
            "UnsupportedOperationException")
        .contains("PendingReplicaDeletion");
    kms.keys().scheduleKeyDeletion(dev.withRegion(west), primary.keyId(), 7);
    clock.advance(Duration.ofDays(8));
    assertAwsError(
        () -> kms.keys().describeKey(dev.withRegion(west), primary.keyId()), "NotFoundException");
    kms.keys().scheduleKeyDeletion(dev, primary.keyId(), 7);
  }
}
