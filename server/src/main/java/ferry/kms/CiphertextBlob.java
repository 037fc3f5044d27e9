package ferry.kms;

import ferry.aws.AccountId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The ciphertext KMS returns. It names its key, so Decrypt needs no KeyId:
 *
 * <pre>
 * 0x01 | account (12 ASCII digits) | n | key id (n ASCII bytes) | check (4) | IV (12) | AES-GCM
 * </pre>
 *
 * The region is not in it: a multi-Region key's ciphertext decrypts under its replica in another
 * region. The header (all but IV and sealed bytes) and the encryption context are the GCM
 * additional data, so altering either fails the tag; the check (the first four bytes of the
 * header's SHA-256) tells a damaged header from a ciphertext of a key that does not exist here.
 */
public record CiphertextBlob(AccountId account, String keyId, byte[] iv, byte[] sealed) {
  private static final byte VERSION = 1;
  private static final int ACCOUNT_BYTES = 12;
  private static final int CHECK_BYTES = 4;
  private static final int MAX_KEY_ID = 64;

  /** The header: version, account, key id and check; part of the additional data. */
  public byte[] header() {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] header = new byte[1 + ACCOUNT_BYTES + 1 + id.length + CHECK_BYTES];
    header[0] = VERSION;
    byte[] account = this.account.value().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(account, 0, header, 1, ACCOUNT_BYTES);
    header[1 + ACCOUNT_BYTES] = (byte) id.length;
    System.arraycopy(id, 0, header, 2 + ACCOUNT_BYTES, id.length);
    int body = header.length - CHECK_BYTES;
    System.arraycopy(check(header, body), 0, header, body, CHECK_BYTES);
    return header;
  }

  /** The header followed by the canonical encryption context. */
  public byte[] additionalData(Map<String, String> encryptionContext) {
    return additionalData(header(), encryptionContext);
  }

  static byte[] additionalData(byte[] header, Map<String, String> encryptionContext) {
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

  public byte[] encode() {
    byte[] header = header();
    byte[] out = new byte[header.length + iv.length + sealed.length];
    System.arraycopy(header, 0, out, 0, header.length);
    System.arraycopy(iv, 0, out, header.length, iv.length);
    System.arraycopy(sealed, 0, out, header.length + iv.length, sealed.length);
    return out;
  }

  /** The blob's parts, or null when the bytes are not a well-formed KMS ciphertext. */
  public static @Nullable CiphertextBlob parse(byte[] bytes) {
    int idStart = 2 + ACCOUNT_BYTES;
    if (bytes.length < idStart || bytes[0] != VERSION) {
      return null;
    }
    int idLength = bytes[1 + ACCOUNT_BYTES] & 0xff;
    int headerLength = idStart + idLength + CHECK_BYTES;
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
    String account = new String(bytes, 1, ACCOUNT_BYTES, StandardCharsets.US_ASCII);
    String keyId = new String(bytes, idStart, idLength, StandardCharsets.US_ASCII);
    if (!AccountId.isValid(account) || !KeyIdentifier.isKeyId(keyId)) {
      return null;
    }
    byte[] iv = Arrays.copyOfRange(bytes, headerLength, headerLength + Aes256Gcm.IV_BYTES);
    byte[] sealed = Arrays.copyOfRange(bytes, headerLength + Aes256Gcm.IV_BYTES, bytes.length);
    return new CiphertextBlob(AccountId.of(account), keyId, iv, sealed);
  }

  private static byte[] check(byte[] bytes, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, 0, length);
      return Arrays.copyOf(sha.digest(), CHECK_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CiphertextBlob that && Arrays.equals(encode(), that.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "CiphertextBlob[" + account + ":" + keyId + ", " + sealed.length + " sealed bytes]";
  }
}
