package ferry.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Names and keys written into console URLs. */
public final class Links {
  private Links() {}

  /** A path segment, such as a bucket or role name: all but unreserved characters encoded. */
  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query parameter value, such as an object key; '/' left readable. */
  public static String query(String value) {
    return segment(value).replace("%2F", "/");
  }
}
