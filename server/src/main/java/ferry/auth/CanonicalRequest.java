package ferry.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * SigV4's canonical request: method, canonical URI, canonical query, canonical headers, signed
 * header names and the payload hash, one per line.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html">Create
 *     a signed AWS API request</a>
 */
public final class CanonicalRequest {
  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

  private CanonicalRequest() {}

  public static String build(
      String method,
      String canonicalUri,
      String canonicalQuery,
      List<String> signedHeaders,
      Map<String, List<String>> headers,
      String payloadHash) {
    StringBuilder out = new StringBuilder(512);
    out.append(method)
        .append('\n')
        .append(canonicalUri)
        .append('\n')
        .append(canonicalQuery)
        .append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':').append(headerValue(headers.get(name))).append('\n');
    }
    out.append('\n').append(String.join(";", signedHeaders)).append('\n').append(payloadHash);
    return out.toString();
  }

  public static String stringToSign(
      String amzDate, CredentialScope scope, String canonicalRequest) {
    return "AWS4-HMAC-SHA256\n"
        + amzDate
        + "\n"
        + scope.scope()
        + "\n"
        + SigningKeys.sha256Hex(canonicalRequest);
  }

  /** S3 signs the path exactly as sent. */
  public static String s3Uri(String rawPath) {
    return rawPath.isEmpty() ? "/" : rawPath;
  }

  /** S3's fallback for clients that encode differently: decode once, encode the AWS way. */
  public static String s3UriReencoded(String rawPath) {
    return encode(decode(s3Uri(rawPath)), false);
  }

  /** Other services: dot segments removed, then each segment encoded again (double encoding). */
  public static String normalizedUri(String rawPath) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String segment : segments) {
      out.append('/').append(encode(segment, true));
    }
    if (out.isEmpty() || (path.endsWith("/") && !segments.isEmpty())) {
      out.append('/');
    }
    return out.toString();
  }

  /** Parameters decoded then re-encoded strictly, sorted by name then value; some excluded. */
  public static String query(String rawQuery, String excluded) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = decode(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : decode(part.substring(eq + 1));
      if (name.equals(excluded)) {
        continue;
      }
      pairs.add(new String[] {encode(name, true), encode(value, true)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  static String headerValue(List<String> values) {
    if (values == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String value : values) {
      if (!out.isEmpty()) {
        out.append(',');
      }
      out.append(WHITESPACE_RUN.matcher(value.trim()).replaceAll(" "));
    }
    return out.toString();
  }

  /** RFC 3986 encoding: unreserved characters kept, everything else %XX; '/' kept when asked. */
  public static String encode(String text, boolean encodeSlash) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Percent-decoding where '+' is a plus, as in paths and SigV4 query strings. */
  public static String decode(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          out.write(high * 16 + low);
          i += 3;
          continue;
        }
      }
      int codePoint = text.codePointAt(i);
      out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
      i += Character.charCount(codePoint);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
