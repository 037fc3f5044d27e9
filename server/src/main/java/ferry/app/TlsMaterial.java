package ferry.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

  /** Where data folders made before server.pem keep the key, as PKCS#12. */
  private static final String OLDER_KEY_STORE = "server.p12";

  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";
  private static final String CERTIFICATE_BEGIN = "-----BEGIN CERTIFICATE-----";

  private final Path caFile;
  private final Path serverFile;

  private TlsMaterial(Path caFile, Path serverFile) {
    this.caFile = caFile;
    this.serverFile = serverFile;
  }

  /** The CA certificate, PEM: what {@code AWS_CA_BUNDLE} should name. */
  public Path caFile() {
    return caFile;
  }

  /**
   * The server's key and certificate chain, in memory, protected by {@link #password()}. Read from
   * PEM rather than PKCS#12: opening a PKCS#12 file runs its password through 10,000 rounds of
   * PBKDF2 for the MAC, the certificates and the key, which cost Ferry's start-up more than all of
   * its TLS set-up besides. The password is no secret (it is in this file); the folder's
   * permissions protect the key.
   */
  public KeyStore keyStore() throws IOException {
    String pem = Files.readString(serverFile, StandardCharsets.US_ASCII);
    try {
      var certificates = CertificateFactory.getInstance("X.509");
      var chain =
          certificates
              .generateCertificates(
                  new ByteArrayInputStream(
                      pem.substring(pem.indexOf(CERTIFICATE_BEGIN))
                          .getBytes(StandardCharsets.US_ASCII)))
              .toArray(new Certificate[0]);
      var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemKey(pem)));
      // JKS, only in memory: a PKCS#12 store would run PBKDF2 again to protect the key.
      KeyStore store = KeyStore.getInstance("JKS");
      store.load(null, PASSWORD);
      store.setKeyEntry("ferry", key, PASSWORD, chain);
      return store;
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException("Cannot read Ferry's TLS key " + serverFile + ": " + e.getMessage(), e);
    }
  }

  public String password() {
    return new String(PASSWORD);
  }

  public static TlsMaterial ensure(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("tls");
    var material = new TlsMaterial(dir.resolve("ca.pem"), dir.resolve("server.pem"));
    if (Files.exists(material.caFile) && Files.exists(material.serverFile)) {
      return material;
    }
    Files.createDirectories(dir);
    try {
      Path older = dir.resolve(OLDER_KEY_STORE);
      if (Files.exists(material.caFile) && Files.exists(older)) {
        material.convert(older);
      } else {
        material.generate();
      }
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("Cannot make Ferry's TLS certificates: " + e.getMessage(), e);
    }
    return material;
  }

  /** A data folder from before server.pem keeps its certificates: CA bundles name them. */
  private void convert(Path older) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(older)) {
      store.load(in, PASSWORD);
    }
    var key = (PrivateKey) store.getKey("ferry", PASSWORD);
    writeServer(key, store.getCertificateChain("ferry"));
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

    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(caCert);
    }
    Files.writeString(caFile, pem.toString());
    writeServer(serverKeys.getPrivate(), new Certificate[] {serverCert, caCert});
  }

  /** Key and chain in one PEM file, made readable by its owner only before the key goes in. */
  private void writeServer(PrivateKey key, Certificate[] chain)
      throws GeneralSecurityException, IOException {
    var base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    var pem = new StringBuilder();
    pem.append(KEY_BEGIN + "\n")
        .append(base64.encodeToString(key.getEncoded()))
        .append("\n" + KEY_END + "\n");
    for (Certificate certificate : chain) {
      pem.append(CERTIFICATE_BEGIN + "\n")
          .append(base64.encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    // A temporary file is created readable by its owner only.
    Path temp = Files.createTempFile(serverFile.getParent(), "server", ".pem");
    Files.writeString(temp, pem, StandardCharsets.US_ASCII);
    Files.move(temp, serverFile, StandardCopyOption.ATOMIC_MOVE);
  }

  private static byte[] pemKey(String pem) {
    int begin = pem.indexOf(KEY_BEGIN);
    int end = pem.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no private key");
    }
    return Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
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
