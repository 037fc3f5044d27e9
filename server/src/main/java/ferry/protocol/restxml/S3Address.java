package ferry.protocol.restxml;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.protocol.PercentDecoding;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where an S3 request points: no bucket (the service), a bucket, or an object. Path-style puts the
 * bucket first in the path; virtual-hosted style puts it in front of a base host such as {@code
 * localhost}.
 */
public record S3Address(@Nullable String bucket, @Nullable String key) {
  private static final List<String> BASE_HOSTS = List.of("s3.localhost", "localhost");

  public static S3Address of(String host, String rawPath) {
    String virtualBucket = virtualHostedBucket(host);
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (virtualBucket != null) {
      return new S3Address(virtualBucket, path.isEmpty() ? null : decode(path));
    }
    if (path.isEmpty()) {
      return new S3Address(null, null);
    }
    int slash = path.indexOf('/');
    if (slash < 0) {
      return new S3Address(decode(path), null);
    }
    String key = path.substring(slash + 1);
    return new S3Address(decode(path.substring(0, slash)), key.isEmpty() ? null : decode(key));
  }

  /** The bucket in front of a base host ({@code bucket.localhost:4566}), or null. */
  public static @Nullable String virtualHostedBucket(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0 && name.indexOf(']') < colon) {
      name = name.substring(0, colon);
    }
    for (String base : BASE_HOSTS) {
      if (name.endsWith("." + base)) {
        return name.substring(0, name.length() - base.length() - 1);
      }
    }
    return null;
  }

  /**
   * Percent-decodes a path segment of an S3 URI; unlike form decoding, '+' stays '+'. One that is
   * not percent-encoded UTF-8 is S3's InvalidURI.
   */
  public static String decode(String raw) {
    try {
      return PercentDecoding.path(raw);
    } catch (PercentDecoding.Malformed e) {
      throw new AwsException(
          ErrorCode.sender("InvalidURI", 400),
          "Couldn't parse the specified URI: " + e.getMessage() + ".");
    }
  }
}
