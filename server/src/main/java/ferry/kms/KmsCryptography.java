package ferry.kms;

import ferry.aws.Caller;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * Cryptographic operations: Encrypt, Decrypt, ReEncrypt, GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext, GenerateRandom. AES-256-GCM under the key's material, the
 * encryption context bound as additional data.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/kms-cryptography.html">KMS
 *     cryptography</a>
 */
public final class KmsCryptography {
  private static final int MAX_PLAINTEXT = 4096;
  private static final int MAX_DATA_KEY = 1024;

  private final KeyAccess access;

  KmsCryptography(KeyAccess access) {
    this.access = access;
  }

  public EncryptResult encrypt(Caller caller, EncryptRequest request) {
    checkPlaintext(request.plaintext());
    KmsKey key = access.resolve(caller, request.keyId(), "Encrypt");
    access.authorize(caller, "Encrypt", key, request.encryptionContext());
    KeyAccess.requireUsable(key);
    return new EncryptResult(
        key.arn(), seal(key, request.plaintext(), request.encryptionContext()));
  }

  public DecryptResult decrypt(Caller caller, DecryptRequest request) {
    CiphertextBlob blob = parseCiphertext(request.ciphertextBlob());
    KmsKey key = ciphertextKey(caller, blob, request.keyId(), "Decrypt");
    access.authorize(caller, "Decrypt", key, request.encryptionContext());
    KeyAccess.requireUsable(key);
    return new DecryptResult(key.arn(), open(key, blob, request.encryptionContext()));
  }

  public GenerateDataKeyResult generateDataKey(Caller caller, GenerateDataKeyRequest request) {
    return generateDataKey(caller, request, Map.of());
  }

  /**
   * GenerateDataKey by an AWS service for one of its resources (CloudTrail for a trail, through
   * S3): {@code sourceContext} holds the aws:SourceArn and aws:SourceAccount the key policy may
   * test.
   */
  public GenerateDataKeyResult generateDataKey(
      Caller caller, GenerateDataKeyRequest request, Map<String, String> sourceContext) {
    checkDataKeySize(request.numberOfBytes());
    KmsKey key = access.resolve(caller, request.keyId(), "GenerateDataKey");
    access.authorize(caller, "GenerateDataKey", key, request.encryptionContext(), sourceContext);
    KeyAccess.requireUsable(key);
    byte[] plaintext = Aes256Gcm.randomBytes(request.numberOfBytes());
    return new GenerateDataKeyResult(
        key.arn(), plaintext, seal(key, plaintext, request.encryptionContext()));
  }

  /** A data key encrypted under the KMS key only; its plaintext is never returned. */
  public EncryptResult generateDataKeyWithoutPlaintext(
      Caller caller, GenerateDataKeyRequest request) {
    checkDataKeySize(request.numberOfBytes());
    KmsKey key = access.resolve(caller, request.keyId(), "GenerateDataKeyWithoutPlaintext");
    access.authorize(caller, "GenerateDataKeyWithoutPlaintext", key, request.encryptionContext());
    KeyAccess.requireUsable(key);
    byte[] plaintext = Aes256Gcm.randomBytes(request.numberOfBytes());
    try {
      return new EncryptResult(key.arn(), seal(key, plaintext, request.encryptionContext()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  public ReEncryptResult reEncrypt(Caller caller, ReEncryptRequest request) {
    CiphertextBlob blob = parseCiphertext(request.ciphertextBlob());
    KmsKey source = ciphertextKey(caller, blob, request.sourceKeyId(), "ReEncryptFrom");
    access.authorize(caller, "ReEncryptFrom", source, request.sourceEncryptionContext());
    KeyAccess.requireUsable(source);
    KmsKey destination = access.resolve(caller, request.destinationKeyId(), "ReEncryptTo");
    access.authorize(caller, "ReEncryptTo", destination, request.destinationEncryptionContext());
    KeyAccess.requireUsable(destination);
    byte[] plaintext = open(source, blob, request.sourceEncryptionContext());
    try {
      return new ReEncryptResult(
          source.arn(),
          destination.arn(),
          seal(destination, plaintext, request.destinationEncryptionContext()));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  public byte[] generateRandom(Caller caller, @Nullable Integer numberOfBytes) {
    if (numberOfBytes == null) {
      throw KmsErrors.validation("NumberOfBytes is required.");
    }
    checkDataKeySize(numberOfBytes);
    access.requireIdentity(caller, "kms:GenerateRandom", "*");
    return Aes256Gcm.randomBytes(numberOfBytes);
  }

  /** The key a ciphertext names, checked against the KeyId the caller gave, if any. */
  private KmsKey ciphertextKey(
      Caller caller, CiphertextBlob blob, @Nullable String keyId, String operation) {
    KmsKey key =
        access
            .findKey(blob.account(), caller.region(), blob.keyId())
            .orElseThrow(() -> KmsErrors.ciphertextKeyUnavailable(caller.arn()));
    if (keyId != null && !access.resolve(caller, keyId, operation).arn().equals(key.arn())) {
      throw KmsErrors.incorrectKey();
    }
    return key;
  }

  private byte[] seal(KmsKey key, byte[] plaintext, Map<String, String> encryptionContext) {
    int current = key.currentMaterial();
    SecretKey material =
        access
            .cache
            .material(key, current)
            .orElseThrow(() -> new IllegalStateException("No material " + current + " of " + key));
    return CiphertextBlob.seal(
        key.account(), key.keyId(), current, material, plaintext, encryptionContext);
  }

  private static CiphertextBlob parseCiphertext(byte[] ciphertext) {
    CiphertextBlob blob = CiphertextBlob.parse(ciphertext);
    if (blob == null) {
      throw KmsErrors.invalidCiphertext();
    }
    return blob;
  }

  private byte[] open(KmsKey key, CiphertextBlob blob, Map<String, String> encryptionContext) {
    // A ciphertext names the material it was sealed under: older ones still open after rotation.
    SecretKey material =
        access.cache.material(key, blob.material()).orElseThrow(KmsErrors::invalidCiphertext);
    byte[] plaintext = blob.open(material, encryptionContext);
    if (plaintext == null) {
      throw KmsErrors.invalidCiphertext();
    }
    return plaintext;
  }

  private static void checkPlaintext(byte[] plaintext) {
    if (plaintext.length < 1) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member"
              + " must have length greater than or equal to 1");
    }
    if (plaintext.length > MAX_PLAINTEXT) {
      throw KmsErrors.validation(
          "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member"
              + " must have length less than or equal to 4096");
    }
  }

  private static void checkDataKeySize(int numberOfBytes) {
    if (numberOfBytes < 1 || numberOfBytes > MAX_DATA_KEY) {
      throw KmsErrors.constraint(
          "numberOfBytes",
          Integer.toString(numberOfBytes),
          numberOfBytes < 1
              ? "Member must have value greater than or equal to 1"
              : "Member must have value less than or equal to 1024");
    }
  }
}
