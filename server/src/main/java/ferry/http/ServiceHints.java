package ferry.http;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a request says about its service before it is authenticated: the signing name of its
 * credential scope, and for a request without one, its {@code X-Amz-Target}, its query {@code
 * Action} and {@code Version}, and its {@code Host}.
 *
 * @param signingName the service of the SigV4 credential scope; null when the request has none
 * @param target the {@code X-Amz-Target} header of a JSON request
 * @param action the query protocol's {@code Action}, from the URL or a form body
 * @param version the query protocol's {@code Version}
 * @param host the {@code Host} header, empty when absent
 */
public record ServiceHints(
    @Nullable String signingName,
    @Nullable String target,
    @Nullable String action,
    @Nullable String version,
    String host) {

  /** The operation the request names: its Action, or its target after the prefix; else null. */
  public @Nullable String operation() {
    if (action != null) {
      return action;
    }
    if (target != null && target.indexOf('.') >= 0) {
      return target.substring(target.indexOf('.') + 1);
    }
    return null;
  }

  /**
   * Whether the host's first label is the signing name, as in {@code sts.us-east-1.amazonaws.com}.
   */
  public boolean hostNames(String service) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.equals(service) || lower.startsWith(service + ".");
  }
}
