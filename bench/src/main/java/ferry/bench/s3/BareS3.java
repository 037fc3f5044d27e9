package ferry.bench.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.jspecify.annotations.Nullable;

/**
 * The ceiling of the S3 load harness on this machine: an HTTP server, on the Jetty that Ferry runs
 * on and configured as Ferry configures it, that answers exactly the calls {@link S3Load} makes and
 * does nothing else. It reads every body to its end and keeps only its length: no signature,
 * checksum, encryption, file or database. A GET answers that many bytes of one fixed random MiB.
 *
 * <p>Never a storage server: what S3Load measures against it is what the client, the loopback
 * network and HTTP cost, which every server pays; what a server does on top is the rest. {@code
 * bench/s3-load/run.sh} runs it as "bare" beside Ferry and the peers.
 *
 * <p>Argument: the port to listen on (loopback only).
 */
public final class BareS3 extends Handler.Abstract {
  private static final int MIB = 1024 * 1024;
  private static final String ETAG = "\"" + "0".repeat(32) + "\"";

  /** The bytes every GET serves, repeated for objects longer than a MiB. */
  private final byte[] pattern = new byte[MIB];

  /** The CRC32 of one whole pattern: the checksum header of a 1 MiB object's GET. */
  private final String patternCrc32;

  private final Map<String, Long> sizes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> uploads = new ConcurrentHashMap<>();

  private BareS3() {
    new Random(1).nextBytes(pattern);
    var crc = new CRC32();
    crc.update(pattern);
    long value = crc.getValue();
    byte[] bigEndian = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    patternCrc32 = Base64.getEncoder().encodeToString(bigEndian);
  }

  public static void main(String[] args) throws Exception {
    var threads = new QueuedThreadPool();
    threads.setName("bare");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    var server = new Server(threads);
    var config = new HttpConfiguration();
    config.setSendServerVersion(false);
    var http = new HttpConnectionFactory(config);
    http.setInputBufferSize(64 * 1024);
    var connector = new ServerConnector(server, http);
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    server.setHandler(new BareS3());
    server.start();
    System.out.println("bare S3 on 127.0.0.1:" + connector.getLocalPort());
    server.join();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    Fields query = Request.extractQueryParameters(request);
    long received = drain(request);
    switch (request.getMethod()) {
      case "PUT" -> {
        String uploadId = query.getValue("uploadId");
        if (uploadId != null) {
          uploads
              .computeIfAbsent(uploadId, id -> new AtomicLong())
              .addAndGet(decoded(request, received));
        } else if (path.indexOf('/', 1) > 0) { // an object, not CreateBucket
          sizes.put(path, decoded(request, received));
        }
        response.getHeaders().put(HttpHeader.ETAG, ETAG);
        answer(response, callback, 200, null);
      }
      case "POST" -> {
        if (query.get("uploads") != null) {
          String uploadId = Long.toString(System.nanoTime(), 36);
          uploads.put(uploadId, new AtomicLong());
          answer(
              response,
              callback,
              200,
              xml("InitiateMultipartUploadResult", "<UploadId>" + uploadId + "</UploadId>"));
        } else {
          String uploadId = query.getValue("uploadId");
          AtomicLong size = uploadId == null ? null : uploads.remove(uploadId);
          sizes.put(path, size == null ? 0 : size.get());
          answer(
              response,
              callback,
              200,
              xml("CompleteMultipartUploadResult", "<ETag>" + ETAG + "</ETag>"));
        }
      }
      case "GET" -> get(request, response, callback, path);
      default -> answer(response, callback, 405, null);
    }
    return true;
  }

  private void get(Request request, Response response, Callback callback, String path)
      throws IOException {
    Long size = sizes.get(path);
    if (size == null) {
      answer(response, callback, 404, xml("Error", "<Code>NoSuchKey</Code>"));
      return;
    }
    long first = 0;
    long last = size - 1;
    String range = request.getHeaders().get(HttpHeader.RANGE);
    int status = 200;
    if (range != null && range.startsWith("bytes=")) {
      String[] bounds = range.substring(6).split("-", 2);
      first = Long.parseLong(bounds[0]);
      last = bounds[1].isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(bounds[1]));
      status = 206;
      response
          .getHeaders()
          .put(HttpHeader.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
    } else if (size == MIB
        && "ENABLED".equalsIgnoreCase(request.getHeaders().get("x-amz-checksum-mode"))) {
      response.getHeaders().put("x-amz-checksum-crc32", patternCrc32);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.ETAG, ETAG);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, last - first + 1);
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      for (long at = first; at <= last; ) {
        int offset = (int) (at % MIB);
        int length = (int) Math.min(MIB - offset, last - at + 1);
        out.write(pattern, offset, length);
        at += length;
      }
    }
    callback.succeeded();
  }

  /** Reads the body to its end; returns its length on the wire. */
  private static long drain(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      return in.transferTo(OutputStream.nullOutputStream());
    }
  }

  /** The object's own length: aws-chunked bodies say it in x-amz-decoded-content-length. */
  private static long decoded(Request request, long received) {
    String decoded = request.getHeaders().get("x-amz-decoded-content-length");
    return decoded == null ? received : Long.parseLong(decoded);
  }

  private static String xml(String root, String inner) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><" + root + ">" + inner + "</" + root + ">";
  }

  private static void answer(
      Response response, Callback callback, int status, @Nullable String xml) {
    response.setStatus(status);
    if (xml == null) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
      response.write(true, null, callback);
    } else {
      byte[] body = xml.getBytes(StandardCharsets.UTF_8);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
