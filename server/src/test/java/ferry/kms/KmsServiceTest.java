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
import ferry.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KmsServiceTest {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");
  static final Region EAST = Region.US_EAST_1;
  static final Region WEST = Region.of("us-west-2");
  static final Path GUIDE_KEY_POLICY =
      Path.of("..", "examples", "guide", "dev", "s3deploykey-policy.json");

  @TempDir Path dataDir;
  Database db;
  KmsService kms;
  final Map<String, List<PrincipalPolicies.NamedPolicy>> identityPolicies = new HashMap<>();

  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), EAST, Instant.now());
  final Caller prodRoot = Caller.of(new Principal.AccountRoot(PROD), EAST, Instant.now());
  final Caller prods3role =
      Caller.of(
          new Principal.AssumedRole(PROD, "/", "prods3role", "AROAPROD", "deploy"),
          EAST,
          Instant.now());

  @BeforeEach
  void start() {
    db = TestStore.open(dataDir);
    Clock clock = Clock.systemUTC();
    var parser = new PolicyParser();
    var authorizer =
        new Authorizer(
            principal ->
                new PrincipalPolicies(
                    identityPolicies.getOrDefault(principalKey(principal), List.of()), null),
            parser,
            new DecisionLog(),
            clock);
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

  private static String principalKey(Principal principal) {
    return principal instanceof Principal.AssumedRole role ? role.roleArn() : principal.arn();
  }

  private void attachDevkmss3access(String keyArn) {
    String policy =
        """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"VisualEditor0","Effect":"Allow",
           "Action":["kms:DescribeKey","kms:GenerateDataKey*","kms:Encrypt","kms:ReEncrypt*",
                     "kms:Decrypt"],
           "Resource":"%s"},
          {"Sid":"VisualEditor1","Effect":"Allow","Action":["s3:Get*","s3:ListBucket"],
           "Resource":["arn:aws:s3:::codepipeline-us-east-1-0123456789/*",
                       "arn:aws:s3:::codepipeline-us-east-1-0123456789"]}]}
        """
            .formatted(keyArn);
    identityPolicies.put(
        "arn:aws:iam::222222222222:role/prods3role",
        List.of(
            new PrincipalPolicies.NamedPolicy(
                "arn:aws:iam::222222222222:policy/devkmss3access", policy)));
  }

  private String guideKey() throws Exception {
    String policy = Files.readString(GUIDE_KEY_POLICY);
    KmsKey key =
        kms.keys()
            .createKey(dev, CreateKeyRequest.symmetric("s3deploykey").withPolicy(policy))
            .key();
    kms.aliases().createAlias(dev, "alias/s3deploykey", key.keyId());
    return key.arn();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  // ---- keys ----

  @Test
  void createKey_withoutPolicy_getsTheDefaultPolicyAndAKeyArnInTheCallersRegion() {
    KeyMetadata created = kms.keys().createKey(dev, CreateKeyRequest.symmetric("first"));
    KmsKey key = created.key();
    assertThat(key.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(key.arn()).isEqualTo("arn:aws:kms:us-east-1:111111111111:key/" + key.keyId());
    assertThat(key.state()).isEqualTo(KeyState.ENABLED);
    assertThat(key.manager()).isEqualTo(KeyManager.CUSTOMER);
    assertThat(kms.policies().getKeyPolicy(dev, key.keyId(), null))
        .contains("\"Id\" : \"key-default-1\"")
        .contains("\"Sid\" : \"Enable IAM User Permissions\"")
        .contains("arn:aws:iam::111111111111:root");
    assertThat(kms.policies().listKeyPolicies(dev, key.keyId())).containsExactly("default");

    KmsKey west = kms.keys().createKey(dev.withRegion(WEST), CreateKeyRequest.symmetric("w")).key();
    assertThat(west.arn()).startsWith("arn:aws:kms:us-west-2:111111111111:key/");
    assertThat(kms.keys().listKeys(dev, null, null).items())
        .extracting(KmsKey::keyId)
        .containsExactly(key.keyId());
  }

  @Test
  void describeKey_unknownKey_isNotFound_andTheNextRequestSucceeds() {
    String missing = "arn:aws:kms:us-east-1:111111111111:key/00000000-0000-0000-0000-000000000000";
    assertAwsError(() -> kms.keys().describeKey(dev, missing), "NotFoundException")
        .isEqualTo("Key '" + missing + "' does not exist");
    assertAwsError(() -> kms.keys().describeKey(dev, "not-a-key"), "NotFoundException")
        .isEqualTo("Invalid keyId 'not-a-key'");
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    assertThat(kms.keys().describeKey(dev, key.arn()).key().keyId()).isEqualTo(key.keyId());
  }

  @Test
  void listKeys_pagesByMarker() {
    for (int i = 0; i < 5; i++) {
      kms.keys().createKey(dev, CreateKeyRequest.symmetric("k" + i));
    }
    Page<KmsKey> first = kms.keys().listKeys(dev, 2, null);
    assertThat(first.items()).hasSize(2);
    assertThat(first.truncated()).isTrue();
    Page<KmsKey> second = kms.keys().listKeys(dev, 2, first.nextMarker());
    Page<KmsKey> third = kms.keys().listKeys(dev, 2, second.nextMarker());
    assertThat(third.items()).hasSize(1);
    assertThat(third.truncated()).isFalse();
    assertAwsError(() -> kms.keys().listKeys(dev, 0, null), "ValidationException")
        .contains("greater than or equal to 1");
  }

  @Test
  void disabledKey_isDisabledException_untilEnabled() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of()))
            .ciphertextBlob();
    kms.keys().disableKey(dev, key.keyId());
    assertAwsError(
            () ->
                kms.cryptography()
                    .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of())),
            "DisabledException")
        .isEqualTo(key.arn() + " is disabled.");
    assertAwsError(
        () -> kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), null)),
        "DisabledException");
    assertThat(kms.keys().describeKey(dev, key.keyId()).key().state()).isEqualTo(KeyState.DISABLED);
    kms.keys().enableKey(dev, key.keyId());
    assertThat(
            kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), null)).plaintext())
        .isEqualTo(bytes("x"));
  }

  @Test
  void scheduledDeletion_blocksUse_andCancelLeavesTheKeyDisabled() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    assertAwsError(() -> kms.keys().scheduleKeyDeletion(dev, key.keyId(), 3), "ValidationException")
        .contains("greater than or equal to 7");
    KmsKey pending = kms.keys().scheduleKeyDeletion(dev, key.keyId(), 7);
    assertThat(pending.state()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(pending.deletionDate()).isAfter(Instant.now().plusSeconds(6 * 86_400));
    assertAwsError(
            () ->
                kms.cryptography()
                    .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of())),
            "KMSInvalidStateException")
        .isEqualTo(key.arn() + " is pending deletion.");
    assertAwsError(() -> kms.keys().enableKey(dev, key.keyId()), "KMSInvalidStateException");
    assertThat(kms.keys().cancelKeyDeletion(dev, key.keyId()).state()).isEqualTo(KeyState.DISABLED);
    assertAwsError(() -> kms.keys().cancelKeyDeletion(dev, key.keyId()), "KMSInvalidStateException")
        .isEqualTo(key.arn() + " is not pending deletion.");
    kms.keys().enableKey(dev, key.keyId());
    kms.cryptography().encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of()));
  }

  // ---- key policies ----

  @Test
  void putKeyPolicy_invalidOrLockingOut_isMalformedPolicyDocument_andThePolicyStays() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    String before = kms.policies().getKeyPolicy(dev, key.keyId(), "default");
    assertAwsError(
        () -> kms.policies().putKeyPolicy(dev, key.keyId(), "default", "{not json", false),
        "MalformedPolicyDocumentException");
    String lockout =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"kms:Decrypt",
          "Resource":"*"}]}\
        """;
    assertAwsError(
            () -> kms.policies().putKeyPolicy(dev, key.keyId(), "default", lockout, false),
            "MalformedPolicyDocumentException")
        .isEqualTo("The new key policy will not allow you to update the key policy in the future.");
    assertThat(kms.policies().getKeyPolicy(dev, key.keyId(), null)).isEqualTo(before);
    assertAwsError(
        () ->
            kms.keys()
                .createKey(dev, CreateKeyRequest.symmetric("bad").withPolicy("{\"Statement\": 3}")),
        "MalformedPolicyDocumentException");
  }

  @Test
  void keyPolicyWithoutTheAccount_deniesEvenTheAccountRoot() {
    String adminOnly =
        """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
          "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:PutKeyPolicy",
          "Resource":"*"}]}\
        """;
    KmsKey key =
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("k").withPolicy(adminOnly)).key();
    assertAwsError(
            () ->
                kms.cryptography()
                    .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of())),
            "AccessDeniedException")
        .startsWith(
            "User: arn:aws:iam::111111111111:root is not authorized to perform: kms:Encrypt on"
                + " resource: "
                + key.arn()
                + " because no resource-based policy allows the kms:Encrypt action");
  }

  // ---- aliases ----

  @Test
  void aliases_resolveInTheirAccount_andAreUniqueThere() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    KmsKey other = kms.keys().createKey(dev, CreateKeyRequest.symmetric("o")).key();
    kms.aliases().createAlias(dev, "alias/s3deploykey", key.keyId());
    assertThat(kms.keys().describeKey(dev, "alias/s3deploykey").key().keyId())
        .isEqualTo(key.keyId());
    assertThat(
            kms.keys()
                .describeKey(dev, "arn:aws:kms:us-east-1:111111111111:alias/s3deploykey")
                .key()
                .keyId())
        .isEqualTo(key.keyId());
    assertAwsError(
            () -> kms.aliases().createAlias(dev, "alias/s3deploykey", other.keyId()),
            "AlreadyExistsException")
        .isEqualTo(
            "An alias with the name arn:aws:kms:us-east-1:111111111111:alias/s3deploykey already"
                + " exists");
    assertAwsError(
        () -> kms.aliases().createAlias(dev, "s3deploykey", key.keyId()),
        "InvalidAliasNameException");
    assertAwsError(
        () -> kms.aliases().createAlias(dev, "alias/aws/mine", key.keyId()),
        "InvalidAliasNameException");
    assertAwsError(
        () -> kms.aliases().createAlias(dev, "alias/bad name", key.keyId()), "ValidationException");
    assertAwsError(
        () -> kms.aliases().createAlias(dev, "alias/second", "alias/s3deploykey"),
        "ValidationException");

    kms.aliases().updateAlias(dev, "alias/s3deploykey", other.keyId());
    assertThat(kms.keys().describeKey(dev, "alias/s3deploykey").key().keyId())
        .isEqualTo(other.keyId());
    assertThat(kms.aliases().listAliases(dev, null, null, null).items())
        .extracting(KmsAlias::name)
        .containsExactly("alias/s3deploykey");
    assertThat(kms.aliases().listAliases(dev, key.keyId(), null, null).items()).isEmpty();
    kms.aliases().deleteAlias(dev, "alias/s3deploykey");
    assertAwsError(() -> kms.keys().describeKey(dev, "alias/s3deploykey"), "NotFoundException")
        .isEqualTo("Alias arn:aws:kms:us-east-1:111111111111:alias/s3deploykey is not found.");
    assertAwsError(
        () -> kms.keys().describeKey(dev.withRegion(WEST), key.arn()), "NotFoundException");
  }

  // ---- cryptography ----

  @Test
  void encryptDecrypt_roundTrip_withoutKeyId_andTheEncryptionContextIsBound() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    Map<String, String> context = Map.of("aws:s3:arn", "arn:aws:s3:::b/k", "purpose", "test");
    EncryptResult encrypted =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), bytes("hello kms"), context));
    assertThat(encrypted.keyArn()).isEqualTo(key.arn());
    assertThat(new String(encrypted.ciphertextBlob(), StandardCharsets.ISO_8859_1))
        .doesNotContain("hello kms");
    DecryptResult decrypted =
        kms.cryptography()
            .decrypt(dev, new DecryptRequest(encrypted.ciphertextBlob(), context, null));
    assertThat(decrypted.plaintext()).isEqualTo(bytes("hello kms"));
    assertThat(decrypted.keyArn()).isEqualTo(key.arn());

    assertAwsError(
        () ->
            kms.cryptography()
                .decrypt(
                    dev,
                    new DecryptRequest(
                        encrypted.ciphertextBlob(),
                        Map.of("aws:s3:arn", "arn:aws:s3:::b/other"),
                        null)),
        "InvalidCiphertextException");
    assertAwsError(
        () ->
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(encrypted.ciphertextBlob(), Map.of(), null)),
        "InvalidCiphertextException");
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(encrypted.ciphertextBlob(), context, key.arn()))
                .plaintext())
        .isEqualTo(bytes("hello kms"));
  }

  @Test
  void everyFlippedBit_isInvalidCiphertext() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), bytes("secret"), Map.of()))
            .ciphertextBlob();
    for (int i = 0; i < blob.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] tampered = blob.clone();
        tampered[i] ^= (byte) (1 << bit);
        assertAwsError(
            () -> kms.cryptography().decrypt(dev, new DecryptRequest(tampered, Map.of(), null)),
            "InvalidCiphertextException");
      }
    }
    assertAwsError(
        () ->
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(new byte[] {1, 2, 3}, Map.of(), null)),
        "InvalidCiphertextException");
    assertThat(
            kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), null)).plaintext())
        .isEqualTo(bytes("secret"));
  }

  @Test
  void decrypt_withAnotherKeyId_isIncorrectKey() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    KmsKey other = kms.keys().createKey(dev, CreateKeyRequest.symmetric("o")).key();
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of()))
            .ciphertextBlob();
    assertAwsError(
        () -> kms.cryptography().decrypt(dev, new DecryptRequest(blob, Map.of(), other.keyId())),
        "IncorrectKeyException");
  }

  @Test
  void generateDataKey_plaintextDecryptsFromItsCiphertext_andReEncryptMovesIt() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    KmsKey other = kms.keys().createKey(dev, CreateKeyRequest.symmetric("o")).key();
    Map<String, String> context = Map.of("aws:s3:arn", "arn:aws:s3:::bucket/key");
    GenerateDataKeyResult dataKey =
        kms.cryptography().generateDataKey(dev, new GenerateDataKeyRequest(key.arn(), context, 32));
    assertThat(dataKey.plaintext()).hasSize(32);
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(dataKey.ciphertextBlob(), context, null))
                .plaintext())
        .isEqualTo(dataKey.plaintext());
    ReEncryptResult moved =
        kms.cryptography()
            .reEncrypt(
                dev,
                new ReEncryptRequest(
                    dataKey.ciphertextBlob(), context, null, other.keyId(), Map.of()));
    assertThat(moved.sourceKeyArn()).isEqualTo(key.arn());
    assertThat(moved.keyArn()).isEqualTo(other.arn());
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(moved.ciphertextBlob(), Map.of(), null))
                .plaintext())
        .isEqualTo(dataKey.plaintext());
    EncryptResult without =
        kms.cryptography()
            .generateDataKeyWithoutPlaintext(
                dev, new GenerateDataKeyRequest(key.keyId(), Map.of(), 16));
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(without.ciphertextBlob(), Map.of(), null))
                .plaintext())
        .hasSize(16);
    assertAwsError(
        () ->
            kms.cryptography()
                .generateDataKey(dev, new GenerateDataKeyRequest(key.keyId(), Map.of(), 1025)),
        "ValidationException");
    assertThat(kms.cryptography().generateRandom(dev, 64)).hasSize(64);
  }

  @Test
  void encrypt_moreThan4096Bytes_isValidationException() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    assertAwsError(
            () ->
                kms.cryptography()
                    .encrypt(dev, new EncryptRequest(key.keyId(), new byte[4097], Map.of())),
            "ValidationException")
        .contains("less than or equal to 4096");
    kms.cryptography().encrypt(dev, new EncryptRequest(key.keyId(), new byte[4096], Map.of()));
  }

  // ---- the guide: cross-account use ----

  @Test
  void guideKey_prodRoleWithDevkmss3access_decryptsAndGeneratesDataKeysByKeyArn() throws Exception {
    String keyArn = guideKey();
    attachDevkmss3access(keyArn);
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest("alias/s3deploykey", bytes("artifact"), Map.of()))
            .ciphertextBlob();
    assertThat(
            kms.cryptography()
                .decrypt(prods3role, new DecryptRequest(blob, Map.of(), null))
                .plaintext())
        .isEqualTo(bytes("artifact"));
    assertThat(
            kms.cryptography()
                .decrypt(prods3role, new DecryptRequest(blob, Map.of(), keyArn))
                .keyArn())
        .isEqualTo(keyArn);
    GenerateDataKeyResult dataKey =
        kms.cryptography()
            .generateDataKey(prods3role, new GenerateDataKeyRequest(keyArn, Map.of(), 32));
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(dataKey.ciphertextBlob(), Map.of(), null))
                .plaintext())
        .isEqualTo(dataKey.plaintext());
    assertThat(kms.keys().describeKey(prods3role, keyArn).key().arn()).isEqualTo(keyArn);
    // The alias ARN works across accounts too; the bare alias name is looked up in prod.
    kms.cryptography()
        .encrypt(
            prods3role,
            new EncryptRequest(
                "arn:aws:kms:us-east-1:111111111111:alias/s3deploykey", bytes("a"), Map.of()));
  }

  @Test
  void guideKey_prodRoleWithoutTheIamPolicy_isDenied_namingTheIdentitySide() throws Exception {
    String keyArn = guideKey();
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(keyArn, bytes("artifact"), Map.of()))
            .ciphertextBlob();
    assertAwsError(
            () -> kms.cryptography().decrypt(prods3role, new DecryptRequest(blob, Map.of(), null)),
            "AccessDeniedException")
        .startsWith(
            "User: arn:aws:sts::222222222222:assumed-role/prods3role/deploy is not authorized to"
                + " perform: kms:Decrypt on resource: "
                + keyArn
                + " because no identity-based policy allows the kms:Decrypt action")
        .contains("Missing grant");
    assertAwsError(
        () ->
            kms.cryptography()
                .generateDataKey(prods3role, new GenerateDataKeyRequest(keyArn, Map.of(), 32)),
        "AccessDeniedException");
    attachDevkmss3access(keyArn);
    assertThat(
            kms.cryptography()
                .decrypt(prods3role, new DecryptRequest(blob, Map.of(), null))
                .plaintext())
        .isEqualTo(bytes("artifact"));
  }

  @Test
  void guideKey_withoutProdInTheKeyPolicy_deniesProd_namingTheKeyPolicy() throws Exception {
    String keyArn = guideKey();
    attachDevkmss3access(keyArn);
    kms.policies().putKeyPolicy(dev, keyArn, "default", KeyPolicies.defaultPolicy(DEV), false);
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(keyArn, bytes("artifact"), Map.of()))
            .ciphertextBlob();
    assertAwsError(
            () -> kms.cryptography().decrypt(prods3role, new DecryptRequest(blob, Map.of(), null)),
            "AccessDeniedException")
        .startsWith(
            "User: arn:aws:sts::222222222222:assumed-role/prods3role/deploy is not authorized to"
                + " perform: kms:Decrypt on resource: "
                + keyArn
                + " because no resource-based policy allows the kms:Decrypt action")
        .contains("key policy of " + keyArn);
  }

  @Test
  void guideKey_byAliasFromProd_isNotFound() throws Exception {
    String keyArn = guideKey();
    attachDevkmss3access(keyArn);
    assertAwsError(
            () ->
                kms.cryptography()
                    .generateDataKey(
                        prods3role, new GenerateDataKeyRequest("alias/s3deploykey", Map.of(), 32)),
            "NotFoundException")
        .isEqualTo("Alias arn:aws:kms:us-east-1:222222222222:alias/s3deploykey is not found.");
    kms.cryptography()
        .generateDataKey(prods3role, new GenerateDataKeyRequest(keyArn, Map.of(), 32));
  }

  @Test
  void keyAdministrationOfAnotherAccountsKey_isNotFound_evenForItsRoot() throws Exception {
    String keyArn = guideKey();
    assertAwsError(() -> kms.keys().disableKey(prodRoot, keyArn), "NotFoundException");
    assertAwsError(() -> kms.policies().getKeyPolicy(prodRoot, keyArn, null), "NotFoundException");
    assertThat(kms.keys().describeKey(prodRoot, keyArn).key().arn()).isEqualTo(keyArn);
  }

  // ---- grants ----

  @Test
  void grant_allowsItsGrantee_untilRevoked() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    Caller builder =
        Caller.of(
            new Principal.AssumedRole(DEV, "/", "builder", "AROABUILDER", "s"),
            EAST,
            Instant.now());
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(key.keyId(), bytes("x"), Map.of("app", "a")))
            .ciphertextBlob();
    assertAwsError(
        () ->
            kms.cryptography().decrypt(builder, new DecryptRequest(blob, Map.of("app", "a"), null)),
        "AccessDeniedException");
    CreateGrantResult grant =
        kms.grants()
            .createGrant(
                dev,
                new CreateGrantRequest(
                    key.arn(),
                    "arn:aws:iam::111111111111:role/builder",
                    null,
                    List.of("Decrypt"),
                    Map.of("app", "a"),
                    null,
                    "builder-decrypt"));
    assertThat(
            kms.cryptography()
                .decrypt(builder, new DecryptRequest(blob, Map.of("app", "a"), null))
                .plaintext())
        .isEqualTo(bytes("x"));
    assertAwsError(
        () ->
            kms.cryptography()
                .encrypt(builder, new EncryptRequest(key.keyId(), bytes("y"), Map.of("app", "a"))),
        "AccessDeniedException");
    assertThat(kms.grants().listGrants(dev, key.keyId(), null, null, null, null).items())
        .extracting(Grant::grantId)
        .containsExactly(grant.grantId());
    kms.grants().revokeGrant(dev, key.keyId(), grant.grantId());
    assertAwsError(
        () ->
            kms.cryptography().decrypt(builder, new DecryptRequest(blob, Map.of("app", "a"), null)),
        "AccessDeniedException");
    assertAwsError(
        () -> kms.grants().revokeGrant(dev, key.keyId(), grant.grantId()),
        "InvalidGrantIdException");
  }

  @Test
  void retireGrant_byToken_removesIt() {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("k")).key();
    CreateGrantResult grant =
        kms.grants()
            .createGrant(
                dev,
                new CreateGrantRequest(
                    key.keyId(), PROD.rootArn(), null, List.of("Encrypt"), null, null, null));
    kms.grants().retireGrant(dev, grant.grantToken(), null, null);
    assertThat(kms.grants().listGrants(dev, key.keyId(), null, null, null, null).items()).isEmpty();
    assertAwsError(
        () -> kms.grants().retireGrant(dev, grant.grantToken(), null, null),
        "InvalidGrantTokenException");
  }

  // ---- AWS managed and multi-Region keys ----

  @Test
  void awsManagedS3Key_isUsableOnlyThroughS3_andOnlyByItsAccount() {
    String arn = kms.keys().awsManagedKeyArn(dev, "aws/s3");
    assertThat(kms.keys().awsManagedKeyArn(dev, "alias/aws/s3")).isEqualTo(arn);
    KeyMetadata metadata = kms.keys().describeKey(dev, "alias/aws/s3");
    assertThat(metadata.key().arn()).isEqualTo(arn);
    assertThat(metadata.key().manager()).isEqualTo(KeyManager.AWS);
    assertThat(kms.policies().getKeyPolicy(dev, arn, null)).contains("\"Id\" : \"auto-s3-2\"");

    Caller devViaS3 = withVia(dev, "s3.amazonaws.com");
    Map<String, String> context = Map.of("aws:s3:arn", "arn:aws:s3:::bucket/key");
    GenerateDataKeyResult dataKey =
        kms.cryptography().generateDataKey(devViaS3, new GenerateDataKeyRequest(arn, context, 32));
    assertThat(
            kms.cryptography()
                .decrypt(devViaS3, new DecryptRequest(dataKey.ciphertextBlob(), context, null))
                .plaintext())
        .isEqualTo(dataKey.plaintext());

    assertAwsError(
        () ->
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(dataKey.ciphertextBlob(), context, null)),
        "AccessDeniedException");
    attachDevkmss3access(arn);
    assertAwsError(
            () ->
                kms.cryptography()
                    .decrypt(
                        withVia(prods3role, "s3"),
                        new DecryptRequest(dataKey.ciphertextBlob(), context, null)),
            "AccessDeniedException")
        .contains("because no resource-based policy allows the kms:Decrypt action");
    assertAwsError(() -> kms.keys().disableKey(dev, arn), "AccessDeniedException");
    assertAwsError(
        () -> kms.policies().putKeyPolicy(dev, arn, null, KeyPolicies.defaultPolicy(DEV), false),
        "AccessDeniedException");
  }

  private static Caller withVia(Caller caller, String via) {
    return new Caller(
        caller.principal(),
        caller.accessKeyId(),
        caller.sessionPolicies(),
        caller.sessionTags(),
        caller.sourceIp(),
        caller.secureTransport(),
        caller.requestTime(),
        caller.region(),
        via);
  }

  @Test
  void multiRegionKey_replica_decryptsTheOtherRegionsCiphertext() {
    KmsKey primary =
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("mrk").withMultiRegion(true)).key();
    assertThat(primary.keyId()).matches("mrk-[0-9a-f]{32}");
    KeyMetadata replica =
        kms.keys()
            .replicateKey(
                dev, new ReplicateKeyRequest(primary.keyId(), WEST, null, null, List.of(), false));
    assertThat(replica.key().arn())
        .isEqualTo("arn:aws:kms:us-west-2:111111111111:key/" + primary.keyId());
    assertThat(replica.multiRegionConfiguration()).isNotNull();
    assertThat(replica.multiRegionConfiguration().multiRegionKeyType()).isEqualTo("REPLICA");
    KeyMetadata described = kms.keys().describeKey(dev, primary.keyId());
    assertThat(described.multiRegionConfiguration().multiRegionKeyType()).isEqualTo("PRIMARY");
    assertThat(described.multiRegionConfiguration().replicaRegions()).containsExactly(WEST);

    Caller devWest = dev.withRegion(WEST);
    byte[] blob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(primary.keyId(), bytes("east"), Map.of()))
            .ciphertextBlob();
    DecryptResult inWest =
        kms.cryptography().decrypt(devWest, new DecryptRequest(blob, Map.of(), null));
    assertThat(inWest.plaintext()).isEqualTo(bytes("east"));
    assertThat(inWest.keyArn()).isEqualTo(replica.key().arn());
    byte[] westBlob =
        kms.cryptography()
            .encrypt(devWest, new EncryptRequest(primary.keyId(), bytes("west"), Map.of()))
            .ciphertextBlob();
    assertThat(
            kms.cryptography()
                .decrypt(dev, new DecryptRequest(westBlob, Map.of(), null))
                .plaintext())
        .isEqualTo(bytes("west"));

    assertAwsError(
        () ->
            kms.keys()
                .replicateKey(
                    dev,
                    new ReplicateKeyRequest(primary.keyId(), WEST, null, null, List.of(), false)),
        "AlreadyExistsException");
    KmsKey single = kms.keys().createKey(dev, CreateKeyRequest.symmetric("single")).key();
    assertAwsError(
        () ->
            kms.keys()
                .replicateKey(
                    dev,
                    new ReplicateKeyRequest(single.keyId(), WEST, null, null, List.of(), false)),
        "UnsupportedOperationException");
    byte[] singleBlob =
        kms.cryptography()
            .encrypt(dev, new EncryptRequest(single.keyId(), bytes("x"), Map.of()))
            .ciphertextBlob();
    assertAwsError(
        () -> kms.cryptography().decrypt(devWest, new DecryptRequest(singleBlob, Map.of(), null)),
        "AccessDeniedException");
  }

  // ---- at rest ----

  @Test
  void noFileInTheDataFolder_holdsKeyMaterialOrDataKeysInPlaintext() throws Exception {
    List<byte[]> secrets = new ArrayList<>();
    List<KmsKey> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(kms.keys().createKey(dev, CreateKeyRequest.symmetric("k" + i)).key());
    }
    created.add(
        kms.keys().createKey(dev, CreateKeyRequest.symmetric("m").withMultiRegion(true)).key());
    kms.keys().awsManagedKeyArn(dev, "aws/s3");
    for (KmsKey key : created) {
      secrets.add(
          kms.cryptography()
              .generateDataKey(dev, new GenerateDataKeyRequest(key.keyId(), Map.of(), 32))
              .plaintext());
    }
    MasterKey master = MasterKey.openOrCreate(dataDir);
    KeyRepository repository = new KeyRepository(db);
    for (KmsKey key : kms.keys().listKeys(dev, null, null).items()) {
      KmsKey stored = repository.find(DEV, EAST, key.keyId()).orElseThrow();
      secrets.add(master.unwrap(stored.wrappedMaterial(), stored.materialLabel()).getEncoded());
    }
    assertThat(secrets).hasSize(4 + 5);
    db.close();

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      String latin = new String(content, StandardCharsets.ISO_8859_1);
      for (byte[] secret : secrets) {
        assertThat(indexOf(content, secret)).as("raw secret in %s", file).isEqualTo(-1);
        assertThat(latin)
            .as("base64 secret in %s", file)
            .doesNotContain(Base64.getEncoder().encodeToString(secret))
            .doesNotContain(java.util.HexFormat.of().formatHex(secret));
      }
    }
    assertThat(Files.getPosixFilePermissions(dataDir.resolve(MasterKey.FILE_NAME)))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    db = TestStore.open(dataDir);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
