package ferry.kms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's master key, which wraps every KMS key's material before it is stored. It lives in
 * {@code kms-master.key} in the data folder, readable by the owner only, and is created on first
 * start. It is never logged: this class has no accessor for it and its {@code toString} names only
 * the file.
 */
public final class MasterKey {
  public static final String FILE_NAME = "kms-master.key";

  private final SecretKey key;
  private final Path file;

  private MasterKey(SecretKey key, Path file) {
    this.key = key;
    this.file = file;
  }

  /** Reads the master key of a data folder, creating it first if the folder has none. */
  public static MasterKey openOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] bytes = Files.readAllBytes(file);
      if (bytes.length != Aes256Gcm.KEY_BYTES) {
        throw new IllegalStateException(
            file + " holds " + bytes.length + " bytes, not a " + Aes256Gcm.KEY_BYTES + "-byte key");
      }
      MasterKey master = new MasterKey(new SecretKeySpec(bytes, "AES"), file);
      Arrays.fill(bytes, (byte) 0);
      return master;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the KMS master key " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] bytes = Aes256Gcm.randomBytes(Aes256Gcm.KEY_BYTES);
    Path temp = file.resolveSibling(FILE_NAME + ".new");
    Files.deleteIfExists(temp);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(bytes));
      channel.force(true);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    try {
      // A link, not a move: a second process starting at the same moment keeps the first key.
      Files.createLink(file, temp);
    } catch (FileAlreadyExistsException raced) {
      // Another process created it first; its key is the one to use.
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Encrypts key material for storage; {@code label} binds it to the key it belongs to. */
  public String wrap(byte[] material, String label) {
    byte[] iv = Aes256Gcm.randomBytes(Aes256Gcm.IV_BYTES);
    byte[] sealed = Aes256Gcm.seal(key, iv, label.getBytes(StandardCharsets.UTF_8), material);
    byte[] out = new byte[iv.length + sealed.length];
    System.arraycopy(iv, 0, out, 0, iv.length);
    System.arraycopy(sealed, 0, out, iv.length, sealed.length);
    return Base64.getEncoder().encodeToString(out);
  }

  /** Decrypts stored key material into an AES key. */
  public SecretKey unwrap(String wrapped, String label) {
    byte[] bytes = Base64.getDecoder().decode(wrapped);
    byte[] iv = Arrays.copyOfRange(bytes, 0, Aes256Gcm.IV_BYTES);
    byte[] sealed = Arrays.copyOfRange(bytes, Aes256Gcm.IV_BYTES, bytes.length);
    byte[] material = Aes256Gcm.open(key, iv, label.getBytes(StandardCharsets.UTF_8), sealed);
    if (material == null) {
      throw new IllegalStateException(
          "The stored material of " + label + " does not decrypt under the master key in " + file);
    }
    SecretKey secret = new SecretKeySpec(material, "AES");
    Arrays.fill(material, (byte) 0);
    return secret;
  }

  @Override
  public String toString() {
    return "MasterKey[" + file + "]";
  }
}
