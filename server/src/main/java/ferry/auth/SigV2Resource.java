package ferry.auth;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SigV2's CanonicalizedResource: the path as sent, then the sub-resources and response overrides
 * the request carries, sorted.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html">S3
 *     Signature Version 2</a>
 */
final class SigV2Resource {
  private static final Set<String> SIGNED =
      Set.of(
          "acl",
          "delete",
          "lifecycle",
          "location",
          "logging",
          "notification",
          "partNumber",
          "policy",
          "requestPayment",
          "restore",
          "tagging",
          "torrent",
          "uploadId",
          "uploads",
          "versionId",
          "versioning",
          "versions",
          "website",
          "cors",
          "encryption",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          "response-content-language",
          "response-content-type",
          "response-expires");

  private SigV2Resource() {}

  static String of(String rawPath, Map<String, String> query) {
    Map<String, String> signed = new TreeMap<>();
    query.forEach((name, value) -> {
      if (SIGNED.contains(name)) {
        signed.put(name, value);
      }
    });
    StringBuilder out = new StringBuilder(rawPath.isEmpty() ? "/" : rawPath);
    char separator = '?';
    for (var entry : signed.entrySet()) {
      out.append(separator).append(entry.getKey());
      if (!entry.getValue().isEmpty()) {
        out.append('=').append(entry.getValue());
      }
      separator = '&';
    }
    return out.toString();
  }
}
