package ferry.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * SigV2's CanonicalizedResource: the path as sent, then the sub-resources and response overrides
 * the request carries, sorted.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/RESTAuthentication.html">S3
 *     Signature Version 2</a>
 */
final class SigV2Resource {
  /**
   * The sub-resources every S3 client signs (AWS's documented list and botocore's, which adds the
   * newer bucket configurations), and the response overrides.
   */
  private static final Set<String> SIGNED =
      Set.of(
          "accelerate",
          "acl",
          "analytics",
          "cors",
          "defaultObjectAcl",
          "delete",
          "inventory",
          "lifecycle",
          "location",
          "logging",
          "metrics",
          "notification",
          "object-lock",
          "partNumber",
          "policy",
          "replication",
          "requestPayment",
          "restore",
          "select",
          "select-type",
          "storageClass",
          "tagging",
          "torrent",
          "uploadId",
          "uploads",
          "versionId",
          "versioning",
          "versions",
          "website",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          "response-content-language",
          "response-content-type",
          "response-expires");

  /**
   * Sub-resources that some clients sign and others (botocore) do not: a resource is accepted with
   * or without them.
   */
  private static final Set<String> SOMETIMES_SIGNED =
      Set.of(
          "encryption",
          "intelligent-tiering",
          "ownershipControls",
          "policyStatus",
          "publicAccessBlock",
          "legal-hold",
          "retention",
          "attributes");

  private SigV2Resource() {}

  /**
   * The CanonicalizedResource candidates, the one with every signed sub-resource first: the bucket
   * (from the host when virtual-hosted) and path as sent, then the sorted sub-resources. A request
   * for a bucket alone may sign its path with the trailing slash botocore adds ({@code /bucket/}).
   */
  static List<String> of(String rawPath, Map<String, String> query, @Nullable String hostBucket) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    if (hostBucket != null) {
      path = "/" + hostBucket + path;
    }
    List<String> paths =
        path.length() > 1 && path.indexOf('/', 1) < 0 ? List.of(path, path + "/") : List.of(path);
    Set<String> candidates = new LinkedHashSet<>();
    for (String each : paths) {
      candidates.add(resource(each, query, true));
      candidates.add(resource(each, query, false));
    }
    return List.copyOf(candidates);
  }

  private static String resource(String path, Map<String, String> query, boolean sometimes) {
    Map<String, String> signed = new TreeMap<>();
    query.forEach((name, value) -> {
      if (SIGNED.contains(name) || (sometimes && SOMETIMES_SIGNED.contains(name))) {
        signed.put(name, value);
      }
    });
    StringBuilder out = new StringBuilder(path);
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
