package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path data;

  @Test
  void ensure_makesAServerKeySignedByTheCaItNames() throws Exception {
    TlsMaterial tls = TlsMaterial.ensure(data);

    KeyStore store = tls.keyStore();
    var chain = store.getCertificateChain("ferry");
    assertThat(store.getKey("ferry", tls.password().toCharArray())).isInstanceOf(PrivateKey.class);
    assertThat(chain).hasSize(2);
    X509Certificate ca = (X509Certificate) chain[1];
    chain[0].verify(ca.getPublicKey());
    assertThat(Files.readString(tls.caFile())).contains("BEGIN CERTIFICATE");
    assertThat(Files.getPosixFilePermissions(data.resolve("tls").resolve("server.pem")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void ensure_keepsWhatIsThere() throws Exception {
    String ca = Files.readString(TlsMaterial.ensure(data).caFile());
    String server = Files.readString(data.resolve("tls").resolve("server.pem"));

    TlsMaterial.ensure(data);

    assertThat(Files.readString(data.resolve("tls").resolve("ca.pem"))).isEqualTo(ca);
    assertThat(Files.readString(data.resolve("tls").resolve("server.pem"))).isEqualTo(server);
  }

  @Test
  void ensure_takesOverTheKeyOfADataFolderFromBeforeServerPem() throws Exception {
    TlsMaterial made = TlsMaterial.ensure(data);
    KeyStore memory = made.keyStore();
    var older = KeyStore.getInstance("PKCS12");
    older.load(null, TlsMaterial.PASSWORD);
    older.setKeyEntry(
        "ferry",
        memory.getKey("ferry", TlsMaterial.PASSWORD),
        TlsMaterial.PASSWORD,
        memory.getCertificateChain("ferry"));
    try (OutputStream out = Files.newOutputStream(data.resolve("tls").resolve("server.p12"))) {
      older.store(out, TlsMaterial.PASSWORD);
    }
    Files.delete(data.resolve("tls").resolve("server.pem"));

    KeyStore converted = TlsMaterial.ensure(data).keyStore();

    assertThat(converted.getCertificateChain("ferry"))
        .containsExactly(memory.getCertificateChain("ferry"));
    assertThat(converted.getKey("ferry", TlsMaterial.PASSWORD))
        .isEqualTo(memory.getKey("ferry", TlsMaterial.PASSWORD));
  }
}
