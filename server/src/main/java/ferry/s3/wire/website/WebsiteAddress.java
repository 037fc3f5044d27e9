package ferry.s3.wire.website;

import ferry.protocol.restxml.S3Address;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A request to a bucket's website: on a website host ({@code BUCKET.s3-website.localhost}, {@code
 * BUCKET.s3-website-REGION.localhost}, {@code BUCKET.s3-website.REGION.localhost}), or, for hosts
 * without wildcard DNS, under {@code /_ferry/website/BUCKET/} on Ferry's own host. No bucket name
 * may hold an underscore, so that path is never an S3 request.
 *
 * @param key the decoded key the path names, without its leading slash; empty for the root
 * @param root the path the website's root has on this host: {@code /} or {@code
 *     /_ferry/website/BUCKET/}
 * @param rootWithoutSlash the path form's root without its trailing slash, which is sent to the
 *     root so that relative links resolve as on the website host
 */
public record WebsiteAddress(String bucket, String key, String root, boolean rootWithoutSlash) {
  public static final String PATH_PREFIX = "/_ferry/website/";

  private static final Pattern HOST =
      Pattern.compile(
          "(?<bucket>.+?)\\.s3-website(?:-[a-z0-9-]+)?(?:\\.[a-z0-9-]+)?\\.localhost(?::\\d+)?");

  /** The website a request is for, or null when it is an S3 API request. */
  public static @Nullable WebsiteAddress of(String host, String rawPath) {
    String path = rawPath.isEmpty() ? "/" : rawPath;
    Matcher matcher = HOST.matcher(host.toLowerCase(Locale.ROOT));
    if (matcher.matches()) {
      return new WebsiteAddress(
          matcher.group("bucket"), S3Address.decode(path.substring(1)), "/", false);
    }
    boolean pathForm =
        path.startsWith(PATH_PREFIX)
            || path.equals(PATH_PREFIX.substring(0, PATH_PREFIX.length() - 1));
    if (!pathForm || S3Address.of(host, "/").bucket() != null) {
      // On a virtual-hosted bucket's host, /_ferry/website/… is a key of that bucket.
      return null;
    }
    String rest = path.length() > PATH_PREFIX.length() ? path.substring(PATH_PREFIX.length()) : "";
    int slash = rest.indexOf('/');
    String bucket = S3Address.decode(slash < 0 ? rest : rest.substring(0, slash));
    if (bucket.isEmpty()) {
      return null;
    }
    return new WebsiteAddress(
        bucket,
        slash < 0 ? "" : S3Address.decode(rest.substring(slash + 1)),
        PATH_PREFIX + bucket + "/",
        slash < 0);
  }
}
