package ferry.app;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import org.jspecify.annotations.Nullable;

/**
 * The data folder's TLS certificates, made or read when first needed: by the first TLS handshake,
 * or by a caller asking for the CA file ({@code ferry serve} prints it at start, so a broken key
 * still stops it there). A Ferry that only speaks HTTP, as a JUnit test's usually does, never makes
 * them: in a fresh JVM that costs about a second of CPU (Bouncy Castle's classes and two key
 * pairs).
 */
final class TlsOnDemand {
  private final Path dataDir;
  private @Nullable TlsMaterial material;
  private @Nullable KeyStore keys;

  TlsOnDemand(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The certificates, made first if the folder has none, with the server's key read. */
  synchronized TlsMaterial material() throws IOException {
    if (material == null) {
      TlsMaterial made = TlsMaterial.ensure(dataDir);
      keys = made.keyStore();
      material = made;
    }
    return material;
  }

  /** The server's key and certificate chain, protected by {@link TlsMaterial#password()}. */
  synchronized KeyStore keyStore() throws IOException {
    material();
    return keys;
  }
}
