package ferry.s3;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One rule of a bucket's CORS configuration, as sent.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSRule.html">CORSRule</a>
 */
public record CorsRule(
    @Nullable String id,
    List<String> allowedHeaders,
    List<String> allowedMethods,
    List<String> allowedOrigins,
    List<String> exposeHeaders,
    @Nullable Integer maxAgeSeconds) {
  static final Set<String> METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
  private static final int MAX_ID_LENGTH = 255;

  public CorsRule {
    allowedHeaders = List.copyOf(allowedHeaders);
    allowedMethods = List.copyOf(allowedMethods);
    allowedOrigins = List.copyOf(allowedOrigins);
    exposeHeaders = List.copyOf(exposeHeaders);
  }

  /** Refuses a rule S3 refuses, with S3's error. */
  void check() {
    if (allowedMethods.isEmpty() || allowedOrigins.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    for (String method : allowedMethods) {
      if (!METHODS.contains(method)) {
        throw S3Errors.invalidRequest(
            "Found unsupported HTTP method in CORS config. Unsupported method is " + method);
      }
    }
    for (String origin : allowedOrigins) {
      if (wildcards(origin) > 1) {
        throw S3Errors.invalidRequest(
            "AllowedOrigin \"" + origin + "\" can not have more than one wildcard.");
      }
    }
    for (String header : allowedHeaders) {
      if (wildcards(header) > 1) {
        throw S3Errors.invalidRequest(
            "AllowedHeader \"" + header + "\" can not have more than one wildcard.");
      }
    }
    for (String header : exposeHeaders) {
      if (header.contains("*")) {
        throw S3Errors.invalidRequest(
            "ExposeHeader \""
                + header
                + "\" contains wildcard. We currently do not support wildcard for ExposeHeader.");
      }
    }
    if (id != null && id.length() > MAX_ID_LENGTH) {
      throw S3Errors.invalidArgument(
          "The ID of a CORS rule must be at most " + MAX_ID_LENGTH + " characters", "ID", id);
    }
    if (maxAgeSeconds != null && maxAgeSeconds < 0) {
      throw S3Errors.malformedXml();
    }
  }

  /** Whether the rule lets an origin use a method with these request headers (lower case). */
  boolean allows(String origin, String method, List<String> requestHeaders) {
    if (!allowedMethods.contains(method)) {
      return false;
    }
    if (allowedOrigins.stream().noneMatch(allowed -> matches(allowed, origin, false))) {
      return false;
    }
    return requestHeaders.stream()
        .allMatch(header -> allowedHeaders.stream().anyMatch(a -> matches(a, header, true)));
  }

  /** Whether every origin may use the rule, so S3 answers {@code *} and no credentials. */
  public boolean anyOrigin() {
    return allowedOrigins.contains("*");
  }

  private static boolean matches(String pattern, String value, boolean ignoreCase) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    int star = p.indexOf('*');
    if (star < 0) {
      return p.equals(value);
    }
    return Pattern.matches(
        Pattern.quote(p.substring(0, star)) + ".*" + Pattern.quote(p.substring(star + 1)), value);
  }

  private static long wildcards(String text) {
    return text.chars().filter(c -> c == '*').count();
  }
}
