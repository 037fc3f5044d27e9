package ferry.app;

import ferry.http.JettyErrors;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Ferry's one port, bound at once so that a port in use stops a start before anything else, and the
 * Jetty server that will serve it, built on a thread of its own while the caller opens the store:
 * Jetty's first server builds its MIME tables from every locale the JDK knows, about a tenth of a
 * second of a start. The server is started later, once its handler is set.
 */
final class HttpListener implements AutoCloseable {
  /** The server and its connector, bound but not started. */
  record Bound(Server server, ServerConnector connector, TlsOnDemand tls) {}

  private final ServerSocketChannel port;
  private final FutureTask<Bound> building;

  private HttpListener(ServerSocketChannel port, FutureTask<Bound> building) {
    this.port = port;
    this.building = building;
  }

  /**
   * Binds the port, then starts building the server; {@link #bound()} waits for it. The data
   * folder's TLS certificates are made or read when first needed ({@link TlsOnDemand}).
   */
  static HttpListener bind(FerryConfig config) throws IOException {
    ServerSocketChannel port = open(config);
    var building = new FutureTask<>(() -> build(port, config));
    Thread.ofPlatform().name("ferry-http-listener").daemon().start(building);
    return new HttpListener(port, building);
  }

  /** The server on the bound port, or why it could not be built. */
  Bound bound() throws Exception {
    try {
      return building.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /**
   * Stops the server and closes its port, if they were made: waits for the building to end (a
   * fraction of a second) even when interrupted, since only then is there a port to close.
   */
  @Override
  public void close() throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          Bound bound = building.get();
          stop(bound);
          return;
        } catch (ExecutionException notBuilt) {
          port.close();
          return;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stop(Bound bound) throws IOException {
    try {
      bound.server().stop();
    } catch (Exception e) {
      throw new IOException("Jetty did not stop: " + e.getMessage(), e);
    } finally {
      bound.connector().close();
    }
  }

  /** The port, bound as Jetty would bind it (reusing the address of a recent server's port). */
  private static ServerSocketChannel open(FerryConfig config) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(config.host(), config.port()));
      return channel;
    } catch (IOException e) {
      channel.close();
      if (e instanceof BindException) {
        throw new PortInUseException(config.host(), config.port(), e);
      }
      throw e;
    }
  }

  private static Bound build(ServerSocketChannel port, FerryConfig config) throws IOException {
    var tls = new TlsOnDemand(config.dataDir());
    sizeJettyPaddingWithoutJmx();
    var threads = new QueuedThreadPool();
    threads.setName("ferry");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    var server = new Server(threads);
    server.setStopTimeout(10_000);
    server.setErrorHandler(new JettyErrors());
    ServerConnector connector = connector(server, tls);
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);
    connector.open(port);
    return new Bound(server, connector, tls);
  }

  /**
   * Jetty pads its concurrent queues to a cache line and, unless told how many references fit one,
   * asks the JVM whether oops are compressed through the platform MBean server: that starts JMX,
   * its logging and cgroup probes, about 400 classes and a tenth of the start's CPU. Compressed
   * oops are the JVM's default for heaps under 32 GiB; the figure only tunes padding.
   */
  private static void sizeJettyPaddingWithoutJmx() {
    String property = "org.eclipse.jetty.util.referencesPerCacheLine";
    if (System.getProperty(property) == null) {
      boolean compressedOops = Runtime.getRuntime().maxMemory() < (32L << 30);
      System.setProperty(property, compressedOops ? "16" : "8");
    }
  }

  /**
   * One port for HTTP and HTTPS, as other local clouds serve 4566: each connection's first bytes
   * say whether it opens with a TLS handshake. Several servers then need one port each, never a
   * second one that could collide.
   */
  private static ServerConnector connector(Server server, TlsOnDemand tls) {
    HttpConfiguration httpConfig = httpConfiguration();
    var secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    // Only requests over TLS get https's scheme, isSecure() (aws:SecureTransport) and the session.
    httpConfig.addCustomizer(secure);
    HttpConnectionFactory http = httpConnections(httpConfig);
    var detector = new DetectorConnectionFactory(new TlsOnFirstHandshake(tls, http.getProtocol()));
    return new ServerConnector(server, detector, http);
  }

  /**
   * HTTP/1.1 connections that read 64 KiB at a time instead of Jetty's 8 KiB: an object body then
   * reaches S3 in a sixteenth of the reads and wake-ups.
   */
  private static HttpConnectionFactory httpConnections(HttpConfiguration config) {
    var factory = new HttpConnectionFactory(config);
    factory.setInputBufferSize(64 * 1024);
    return factory;
  }

  private static HttpConfiguration httpConfiguration() {
    HttpConfiguration httpConfig = new HttpConfiguration();
    httpConfig.setSendServerVersion(false);
    httpConfig.setSendDateHeader(true);
    httpConfig.setRequestHeaderSize(64 * 1024);
    // S3 keys may hold anything, %2F and // included: the path must reach S3 as sent.
    httpConfig.setUriCompliance(UriCompliance.UNSAFE);
    // Signatures cover header values byte for byte: Jetty must not swap a value for a cached
    // one that differs only in case (text/plain; charset=UTF-8 versus …utf-8).
    httpConfig.setHeaderCacheCaseSensitive(true);
    return httpConfig;
  }
}
