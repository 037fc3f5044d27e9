package ferry.kms;

import ferry.aws.AccountId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * The ciphertext KMS returns. It names its key, so Decrypt needs no KeyId:
 *
 * <pre>
 * 0x01 | account (12 ASCII digits) | n | key id (n ASCII bytes) | check (4) | IV (12) | AES-GCM
 * 0x02 | account (12 ASCII digits) | n | key id (n ASCII bytes) | material (4) | check (4) | …
 * </pre>
 *
 * The first form is sealed under a key's first material, the second under material a rotation added
 * (its number, big-endian), so a ciphertext made before a rotation still names the material that
 * opens it.
 *
 * <p>The region is not in it: a multi-Region key's ciphertext decrypts under its replica in another
 * region. The header (all but IV and sealed bytes) and the encryption context are the GCM
 * additional data, so altering either fails the tag; the check (the header's CRC-32C) tells a
 * damaged header from a ciphertext of a key that does not exist here.
 */
public record CiphertextBlob(
    AccountId account, String keyId, int material, byte[] header, byte[] iv, byte[] encoded) {
  private static final byte FIRST_MATERIAL = 1;
  private static final byte ROTATED_MATERIAL = 2;
  private static final int MATERIAL_BYTES = 4;
  private static final int ACCOUNT_BYTES = 12;
  private static final int CHECK_BYTES = 4;
  private static final int MAX_KEY_ID = 64;

  /** The header of a key's ciphertexts: version, account, key id, material and check. */
  public static byte[] header(AccountId keyAccount, String keyId, int material) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    int materialBytes = material == 0 ? 0 : MATERIAL_BYTES;
    byte[] header = new byte[1 + ACCOUNT_BYTES + 1 + id.length + materialBytes + CHECK_BYTES];
    header[0] = material == 0 ? FIRST_MATERIAL : ROTATED_MATERIAL;
    byte[] account = keyAccount.value().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(account, 0, header, 1, ACCOUNT_BYTES);
    header[1 + ACCOUNT_BYTES] = (byte) id.length;
    System.arraycopy(id, 0, header, 2 + ACCOUNT_BYTES, id.length);
    if (material != 0) {
      int at = 2 + ACCOUNT_BYTES + id.length;
      header[at] = (byte) (material >>> 24);
      header[at + 1] = (byte) (material >>> 16);
      header[at + 2] = (byte) (material >>> 8);
      header[at + 3] = (byte) material;
    }
    int body = header.length - CHECK_BYTES;
    System.arraycopy(check(header, body), 0, header, body, CHECK_BYTES);
    return header;
  }

  /** The header followed by the canonical encryption context. */
  public byte[] additionalData(Map<String, String> encryptionContext) {
    return additionalData(header, encryptionContext);
  }

  /** The GCM additional data: a header followed by the canonical encryption context. */
  public static byte[] additionalData(byte[] header, Map<String, String> encryptionContext) {
    if (encryptionContext.isEmpty()) {
      return header;
    }
    var out = new ByteArrayOutputStream(header.length + 64);
    out.writeBytes(header);
    // Sorted, each string length-prefixed: equal contexts give equal bytes, and no two differ
    // only in where one string ends and the next begins.
    for (Map.Entry<String, String> entry : new TreeMap<>(encryptionContext).entrySet()) {
      writeString(out, entry.getKey());
      writeString(out, entry.getValue());
    }
    return out.toByteArray();
  }

  private static void writeString(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >>> 24);
    out.write(bytes.length >>> 16);
    out.write(bytes.length >>> 8);
    out.write(bytes.length);
    out.writeBytes(bytes);
  }

  /**
   * Encrypts {@code plaintext} under a key's material {@code number} into a blob that names the key
   * and the material.
   */
  public static byte[] seal(
      AccountId account,
      String keyId,
      int number,
      SecretKey material,
      byte[] plaintext,
      Map<String, String> encryptionContext) {
    byte[] header = header(account, keyId, number);
    byte[] iv = Aes256Gcm.randomBytes(Aes256Gcm.IV_BYTES);
    byte[] out = new byte[header.length + iv.length + plaintext.length + Aes256Gcm.TAG_BYTES];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(iv, 0, out, header.length, iv.length);
    Aes256Gcm.sealInto(
        material,
        iv,
        additionalData(header, encryptionContext),
        plaintext,
        out,
        header.length + iv.length);
    return out;
  }

  /** The plaintext, or null when the blob was altered or the key or context differ. */
  public byte @Nullable [] open(SecretKey material, Map<String, String> encryptionContext) {
    int offset = header.length + iv.length;
    return Aes256Gcm.open(
        material, iv, additionalData(encryptionContext), encoded, offset, encoded.length - offset);
  }

  /** The blob's parts, or null when the bytes are not a well-formed KMS ciphertext. */
  public static @Nullable CiphertextBlob parse(byte[] bytes) {
    int idStart = 2 + ACCOUNT_BYTES;
    if (bytes.length < idStart || (bytes[0] != FIRST_MATERIAL && bytes[0] != ROTATED_MATERIAL)) {
      return null;
    }
    int materialBytes = bytes[0] == ROTATED_MATERIAL ? MATERIAL_BYTES : 0;
    int idLength = bytes[1 + ACCOUNT_BYTES] & 0xff;
    int headerLength = idStart + idLength + materialBytes + CHECK_BYTES;
    if (idLength == 0
        || idLength > MAX_KEY_ID
        || bytes.length < headerLength + Aes256Gcm.IV_BYTES + Aes256Gcm.TAG_BYTES) {
      return null;
    }
    byte[] expected = check(bytes, headerLength - CHECK_BYTES);
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(bytes, headerLength - CHECK_BYTES, headerLength))) {
      return null;
    }
    if (!isAccountId(bytes, 1)) {
      return null;
    }
    String account = new String(bytes, 1, ACCOUNT_BYTES, StandardCharsets.US_ASCII);
    String keyId = new String(bytes, idStart, idLength, StandardCharsets.US_ASCII);
    if (!KeyIdentifier.isKeyId(keyId)) {
      return null;
    }
    int material = 0;
    for (int i = idStart + idLength; i < idStart + idLength + materialBytes; i++) {
      material = (material << 8) | (bytes[i] & 0xff);
    }
    if (materialBytes != 0 && material <= 0) {
      return null;
    }
    byte[] header = Arrays.copyOf(bytes, headerLength);
    byte[] iv = Arrays.copyOfRange(bytes, headerLength, headerLength + Aes256Gcm.IV_BYTES);
    return new CiphertextBlob(AccountId.of(account), keyId, material, header, iv, bytes);
  }

  private static byte[] check(byte[] bytes, int length) {
    var crc = new CRC32C();
    crc.update(bytes, 0, length);
    int value = (int) crc.getValue();
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static boolean isAccountId(byte[] bytes, int from) {
    for (int i = from; i < from + ACCOUNT_BYTES; i++) {
      if (bytes[i] < '0' || bytes[i] > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CiphertextBlob that && Arrays.equals(encoded, that.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encoded);
  }

  @Override
  public String toString() {
    return "CiphertextBlob["
        + account
        + ":"
        + keyId
        + " material "
        + material
        + ", "
        + encoded.length
        + " bytes]";
  }
}
