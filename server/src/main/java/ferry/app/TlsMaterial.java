package ferry.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Ferry's own certificate authority and a server certificate for localhost and 127.0.0.1, made on
 * first start and kept in the data folder. Clients trust the CA through {@code AWS_CA_BUNDLE}.
 */
public final class TlsMaterial {
  static final char[] PASSWORD = "ferry".toCharArray();

  private final Path caFile;
  private final Path keyStoreFile;

  private TlsMaterial(Path caFile, Path keyStoreFile) {
    this.caFile = caFile;
    this.keyStoreFile = keyStoreFile;
  }

  /** The CA certificate, PEM: what {@code AWS_CA_BUNDLE} should name. */
  public Path caFile() {
    return caFile;
  }

  /** The server's key and certificate chain, PKCS#12 protected by {@link #password()}. */
  public Path keyStoreFile() {
    return keyStoreFile;
  }

  public String password() {
    return new String(PASSWORD);
  }

  public static TlsMaterial ensure(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("tls");
    var material = new TlsMaterial(dir.resolve("ca.pem"), dir.resolve("server.p12"));
    if (Files.exists(material.caFile) && Files.exists(material.keyStoreFile)) {
      return material;
    }
    Files.createDirectories(dir);
    try {
      material.generate();
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Cannot make Ferry's TLS certificates: " + e.getMessage(), e);
    }
    return material;
  }

  private void generate() throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair serverKeys = generator.generateKeyPair();
    Instant now = Instant.now();
    var extensions = new JcaX509ExtensionUtils();

    X500Name caName = new X500Name("CN=Ferry local CA,O=Ferry");
    X509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            serial(),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            caName,
            caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    ca.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
    X509Certificate caCert = sign(ca, caKeys);

    X509v3CertificateBuilder server =
        new JcaX509v3CertificateBuilder(
            caCert,
            serial(),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(825))),
            new X500Name("CN=localhost,O=Ferry"),
            serverKeys.getPublic());
    server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    server.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    server.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    server.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.dNSName, "*.localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, InetAddress.getByName("::1").getHostAddress())
            }));
    server.addExtension(
        Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCert));
    X509Certificate serverCert = sign(server, caKeys);

    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load((InputStream) null, PASSWORD);
    store.setKeyEntry(
        "ferry", serverKeys.getPrivate(), PASSWORD, new X509Certificate[] {serverCert, caCert});
    Path temp = Files.createTempFile(keyStoreFile.getParent(), "server", ".p12");
    try (OutputStream out = Files.newOutputStream(temp)) {
      store.store(out, PASSWORD);
    }
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(caCert);
    }
    Files.writeString(caFile, pem.toString());
    Files.move(temp, keyStoreFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }
}
