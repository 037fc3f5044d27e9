package ferry.app;

import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of Ferry's one port, started when the first connection opens with a TLS handshake
 * rather than at start-up: building the SSL context costs a start a tenth of a second of CPU, and
 * most clients of a local Ferry speak plain HTTP. The certificates are made or read then too
 * ({@link TlsOnDemand}), unless a caller asked for the CA file before. A connection is recognised
 * as TLS by its first record, as Jetty's own {@link SslConnectionFactory} does; the factory then
 * started serves every later TLS connection and stops with the server.
 */
final class TlsOnFirstHandshake extends ContainerLifeCycle implements ConnectionFactory.Detecting {
  private static final byte TLS_HANDSHAKE = 0x16;
  private static final byte TLS_MAJOR_VERSION = 3;

  private final TlsOnDemand tls;
  private final String nextProtocol;
  private volatile @Nullable SslConnectionFactory factory;

  TlsOnFirstHandshake(TlsOnDemand tls, String nextProtocol) {
    this.tls = tls;
    this.nextProtocol = nextProtocol;
  }

  @Override
  public String getProtocol() {
    return "SSL";
  }

  @Override
  public List<String> getProtocols() {
    return List.of(getProtocol());
  }

  @Override
  public Detection detect(ByteBuffer buffer) {
    if (buffer.remaining() < 2) {
      return Detection.NEED_MORE_BYTES;
    }
    int position = buffer.position();
    return buffer.get(position) == TLS_HANDSHAKE && buffer.get(position + 1) == TLS_MAJOR_VERSION
        ? Detection.RECOGNIZED
        : Detection.NOT_RECOGNIZED;
  }

  @Override
  public Connection newConnection(Connector connector, EndPoint endPoint) {
    return started().newConnection(connector, endPoint);
  }

  private SslConnectionFactory started() {
    SslConnectionFactory made = factory;
    if (made != null) {
      return made;
    }
    synchronized (this) {
      made = factory;
      if (made == null) {
        made = startFactory();
        // A bean of this one, so that stopping the server stops it.
        addBean(made, true);
        factory = made;
      }
      return made;
    }
  }

  private SslConnectionFactory startFactory() {
    try {
      TlsOnDemand.Certificates certificates = tls.get();
      var ssl = new SslContextFactory.Server();
      // The store given, not its file: Jetty would read the file twice (as the trust store too).
      ssl.setKeyStore(certificates.keyStore());
      ssl.setTrustStore(certificates.keyStore());
      ssl.setKeyStorePassword(certificates.password());
      var made = new SslConnectionFactory(ssl, nextProtocol);
      made.start();
      return made;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot start Ferry's TLS: " + e.getMessage(), e);
    }
  }
}
