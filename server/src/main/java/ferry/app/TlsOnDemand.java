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
  /** The CA file clients trust, and the server's key store with its password, read once. */
  record Certificates(Path caFile, KeyStore keyStore, String password) {}

  private final Path dataDir;
  private @Nullable Certificates certificates;

  TlsOnDemand(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** The certificates, made first if the folder has none, with the server's key read. */
  synchronized Certificates get() throws IOException {
    if (certificates == null) {
      TlsMaterial material = TlsMaterial.ensure(dataDir);
      certificates = new Certificates(material.caFile(), material.keyStore(), material.password());
    }
    return certificates;
  }
}
