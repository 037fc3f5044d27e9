package ferry.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One SigV4-signed S3 request written byte by byte on a socket: for the inputs no well-behaved
 * client sends (malformed XML, a wrong trailer checksum, a body shorter than declared, a huge
 * declared length). The body sent may differ from what the headers announce.
 */
final class RawS3Request {
  /** The status line's code and the body of the answer. */
  record Answer(int status, String body) {
    String code() {
      int start = body.indexOf("<Code>");
      return start < 0 ? "" : body.substring(start + 6, body.indexOf("</Code>"));
    }
  }

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private RawS3Request() {}

  /**
   * Sends {@code method path?query} with the given extra headers (signed), the payload hash to
   * sign, and then {@code body} — and, when {@code closeEarly}, closes its side right after it.
   */
  static Answer send(
      URI endpoint,
      FerryServer.Account account,
      String method,
      String path,
      String query,
      Map<String, String> extraHeaders,
      String payloadHash,
      byte[] body,
      boolean closeEarly)
      throws Exception {
    String host = endpoint.getHost() + ":" + endpoint.getPort();
    String amzDate = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    String date = amzDate.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    signed.put("host", host);
    signed.put("x-amz-date", amzDate);
    signed.put("x-amz-content-sha256", payloadHash);
    extraHeaders.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length")) {
        signed.put(name.toLowerCase(java.util.Locale.ROOT), value);
      }
    });
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach((name, value) ->
        canonicalHeaders.append(name).append(':').append(value.trim()).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    String canonical =
        method
            + "\n"
            + path
            + "\n"
            + canonicalQuery(query)
            + "\n"
            + canonicalHeaders
            + "\n"
            + signedHeaders
            + "\n"
            + payloadHash;
    String scope = date + "/us-east-1/s3/aws4_request";
    String toSign =
        "AWS4-HMAC-SHA256\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key = hmac(("AWS4" + account.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, "us-east-1");
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = hex(hmac(key, toSign));
    StringBuilder head = new StringBuilder();
    head.append(method)
        .append(' ')
        .append(path)
        .append(query.isEmpty() ? "" : "?" + query)
        .append(" HTTP/1.1\r\n");
    signed.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    String contentLength =
        extraHeaders.getOrDefault("Content-Length", Integer.toString(body.length));
    head.append("Content-Length: ").append(contentLength).append("\r\n");
    head.append("Authorization: AWS4-HMAC-SHA256 Credential=")
        .append(account.accessKeyId())
        .append('/')
        .append(scope)
        .append(", SignedHeaders=")
        .append(signedHeaders)
        .append(", Signature=")
        .append(signature)
        .append("\r\n");
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.write(body);
      out.flush();
      if (closeEarly) {
        socket.shutdownOutput();
      }
      return read(socket.getInputStream());
    }
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (java.net.SocketException reset) {
      // The server may close as soon as it has answered; what arrived is the answer.
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    if (text.isEmpty()) {
      return new Answer(0, "");
    }
    int status = Integer.parseInt(text.substring(9, 12));
    int bodyStart = text.indexOf("\r\n\r\n");
    return new Answer(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
  }

  private static String canonicalQuery(String query) {
    if (query.isEmpty()) {
      return "";
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (String part : query.split("&")) {
      int eq = part.indexOf('=');
      sorted.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? "" : part.substring(eq + 1));
    }
    StringBuilder out = new StringBuilder();
    sorted.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
    return out.toString();
  }

  static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }
}
