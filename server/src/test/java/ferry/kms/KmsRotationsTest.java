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
import ferry.kms.KeyMaterial.RotationType;
import ferry.kms.KmsRotations.RotationEntry;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import ferry.testing.MutableClock;
import ferry.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsRotationsTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final Region WEST = Region.of("us-west-2");

  @TempDir Path dataDir;
  Database db;
  KmsService kms;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, Instant.now());

  @BeforeEach
  void start() {
    db = TestStore.open(dataDir);
    var parser = new PolicyParser();
    var authorizer =
        new Authorizer(
            principal -> new PrincipalPolicies(List.of(), null), parser, new DecisionLog(), clock);
    kms =
        new KmsService(
            new KeyRepository(db),
            new AliasRepository(db),
            new GrantRepository(db),
            MasterKey.openOrCreate(dataDir),
            authorizer,
            parser,
            clock);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private String newKey() {
    return kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key().keyId();
  }

  private byte[] encrypt(Caller caller, String keyId, String text) {
    return kms.cryptography()
        .encrypt(caller, new EncryptRequest(keyId, text.getBytes(StandardCharsets.UTF_8), Map.of()))
        .ciphertextBlob();
  }

  private String decrypt(Caller caller, byte[] blob) {
    return new String(
        kms.cryptography().decrypt(caller, new DecryptRequest(blob, Map.of(), null)).plaintext(),
        StandardCharsets.UTF_8);
  }

  @Test
  void rotateKeyOnDemand_newMaterialEncrypts_andEveryOlderCiphertextStillDecrypts() {
    String keyId = newKey();
    List<byte[]> blobs = new ArrayList<>();
    blobs.add(encrypt(dev, keyId, "before"));
    assertThat(kms.rotations().rotateKeyOnDemand(dev, keyId)).isEqualTo(keyId);
    blobs.add(encrypt(dev, keyId, "after one"));
    kms.rotations().rotateKeyOnDemand(dev, "arn:aws:kms:us-east-1:111111111111:key/" + keyId);
    blobs.add(encrypt(dev, keyId, "after two"));

    assertThat(blobs.stream().map(b -> CiphertextBlob.parse(b).material()))
        .containsExactly(0, 1, 2);
    assertThat(blobs.stream().map(b -> decrypt(dev, b)))
        .containsExactly("before", "after one", "after two");

    List<RotationEntry> rotations =
        kms.rotations().listKeyRotations(dev, keyId, null, null, null).items();
    assertThat(rotations).hasSize(2);
    assertThat(rotations)
        .allSatisfy(e -> {
          assertThat(e.material().rotationType()).isEqualTo(RotationType.ON_DEMAND);
          assertThat(e.material().rotationDate()).isEqualTo(clock.instant());
          assertThat(e.material().materialId()).matches("[0-9a-f]{64}");
        });
    assertThat(rotations.stream().map(RotationEntry::current)).containsExactly(false, true);

    Page<RotationEntry> first =
        kms.rotations().listKeyRotations(dev, keyId, "ALL_KEY_MATERIAL", 2, null);
    assertThat(first.items()).hasSize(2);
    assertThat(first.items().getFirst().material().number()).isZero();
    assertThat(first.items().getFirst().material().rotationType()).isNull();
    assertThat(first.truncated()).isTrue();
    Page<RotationEntry> second =
        kms.rotations().listKeyRotations(dev, keyId, "ALL_KEY_MATERIAL", 2, first.nextMarker());
    assertThat(second.items().stream().map(e -> e.material().number())).containsExactly(2);
    assertThat(second.truncated()).isFalse();

    assertAwsError(
            () -> kms.rotations().listKeyRotations(dev, keyId, "SOME", null, null),
            "ValidationException")
        .contains("includeKeyMaterial");
    assertAwsError(
        () -> kms.rotations().listKeyRotations(dev, keyId, null, null, "not-a-marker"),
        "InvalidMarkerException");
  }

  @Test
  void enableKeyRotation_periodOutOfRange_isValidation_andNothingIsStored() {
    String keyId = newKey();
    assertAwsError(() -> kms.rotations().enableKeyRotation(dev, keyId, 89), "ValidationException")
        .isEqualTo(
            "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 90");
    assertAwsError(() -> kms.rotations().enableKeyRotation(dev, keyId, 2561), "ValidationException")
        .contains("Member must have value less than or equal to 2560");
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId))
        .isEqualTo(new KeyRotationStatus(keyId, false, null, null));

    kms.rotations().enableKeyRotation(dev, keyId, null);
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId))
        .isEqualTo(
            new KeyRotationStatus(keyId, true, 365, clock.instant().plus(Duration.ofDays(365))));
    kms.rotations().enableKeyRotation(dev, keyId, 90);
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId))
        .isEqualTo(
            new KeyRotationStatus(keyId, true, 90, clock.instant().plus(Duration.ofDays(90))));
    kms.rotations().disableKeyRotation(dev, keyId);
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId).keyRotationEnabled()).isFalse();
  }

  @Test
  void automaticRotation_happensOnceThePeriodHasPassed_andOldCiphertextsStillDecrypt() {
    String keyId = newKey();
    kms.rotations().enableKeyRotation(dev, keyId, 90);
    byte[] old = encrypt(dev, keyId, "old");
    clock.advance(Duration.ofDays(89));
    encrypt(dev, keyId, "not yet");
    assertThat(kms.rotations().listKeyRotations(dev, keyId, null, null, null).items()).isEmpty();

    clock.advance(Duration.ofDays(2));
    byte[] rotated = encrypt(dev, keyId, "new");
    assertThat(CiphertextBlob.parse(rotated).material()).isEqualTo(1);
    List<RotationEntry> rotations =
        kms.rotations().listKeyRotations(dev, keyId, null, null, null).items();
    assertThat(rotations).hasSize(1);
    assertThat(rotations.getFirst().material().rotationType()).isEqualTo(RotationType.AUTOMATIC);
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId).nextRotationDate())
        .isEqualTo(clock.instant().plus(Duration.ofDays(90)));
    assertThat(decrypt(dev, old)).isEqualTo("old");
    assertThat(decrypt(dev, rotated)).isEqualTo("new");
  }

  @Test
  void rotation_ofADisabledOrPendingDeletionKey_isRefusedAsAwsDoes() {
    String keyId = newKey();
    String arn = "arn:aws:kms:us-east-1:111111111111:key/" + keyId;
    kms.rotations().enableKeyRotation(dev, keyId, null);
    kms.keys().disableKey(dev, keyId);
    assertAwsError(() -> kms.rotations().rotateKeyOnDemand(dev, keyId), "DisabledException")
        .isEqualTo(arn + " is disabled.");
    assertAwsError(() -> kms.rotations().enableKeyRotation(dev, keyId, null), "DisabledException");
    assertAwsError(() -> kms.rotations().disableKeyRotation(dev, keyId), "DisabledException");

    kms.keys().scheduleKeyDeletion(dev, keyId, 7);
    assertAwsError(() -> kms.rotations().rotateKeyOnDemand(dev, keyId), "KMSInvalidStateException")
        .isEqualTo(arn + " is pending deletion.");
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId).keyRotationEnabled()).isFalse();
    kms.keys().cancelKeyDeletion(dev, keyId);
    assertThat(kms.rotations().getKeyRotationStatus(dev, keyId).keyRotationEnabled()).isTrue();
    assertThat(kms.rotations().listKeyRotations(dev, keyId, null, null, null).items()).isEmpty();
  }

  @Test
  void rotation_ofAReplicaOrAnAwsManagedKey_isUnsupported_andOnDemandStopsAt25() {
    KmsKey primary =
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("mrk").withMultiRegion(true)).key();
    kms.keys()
        .replicateKey(
            dev, new ReplicateKeyRequest(primary.keyId(), WEST, null, null, List.of(), false));
    Caller devWest = dev.withRegion(WEST);
    assertAwsError(
            () -> kms.rotations().rotateKeyOnDemand(devWest, primary.keyId()),
            "UnsupportedOperationException")
        .contains("replica");
    kms.rotations().rotateKeyOnDemand(dev, primary.keyId());
    byte[] west = encrypt(devWest, primary.keyId(), "west");
    assertThat(CiphertextBlob.parse(west).material()).isEqualTo(1);
    assertThat(decrypt(dev, west)).isEqualTo("west");

    String awsKey = kms.keys().awsManagedKeyArn(dev, "aws/s3");
    assertThat(kms.rotations().getKeyRotationStatus(dev, awsKey).keyRotationEnabled()).isTrue();

    String keyId = newKey();
    for (int i = 1; i < 25; i++) {
      kms.rotations().rotateKeyOnDemand(dev, keyId);
    }
    byte[] last = encrypt(dev, keyId, "24");
    kms.rotations().rotateKeyOnDemand(dev, keyId);
    assertAwsError(() -> kms.rotations().rotateKeyOnDemand(dev, keyId), "LimitExceededException");
    assertThat(kms.rotations().listKeyRotations(dev, keyId, null, 1000, null).items()).hasSize(25);
    assertThat(decrypt(dev, last)).isEqualTo("24");
  }
}
