package ferry.protocol.restxml;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.protocol.ApiRequest;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Picks an S3 route: method and target must match; a route with a sub-resource needs that query
 * key; a route without one matches only when no known sub-resource is present. Routes with a header
 * condition come before those without. A request nobody routed answers NotImplemented.
 */
public final class S3Router {
  private final List<S3Route> routes;
  private final Set<String> subresources;

  public S3Router(List<S3Route> routes) {
    this.routes =
        routes.stream()
            .sorted((a, b) -> Boolean.compare(a.header() == null, b.header() == null))
            .toList();
    this.subresources =
        Set.copyOf(
            routes.stream().map(S3Route::subresource).filter(java.util.Objects::nonNull).toList());
  }

  public S3Route route(ApiRequest request, S3Address address) {
    S3Route.Target target =
        address.bucket() == null
            ? S3Route.Target.SERVICE
            : address.key() == null ? S3Route.Target.BUCKET : S3Route.Target.OBJECT;
    boolean hasSubresource = request.query().keySet().stream().anyMatch(subresources::contains);
    for (S3Route route : routes) {
      if (matches(route, request, target, hasSubresource)) {
        return route;
      }
    }
    throw new AwsException(
        ErrorCode.sender("NotImplemented", 501),
        "A header or query you provided implies functionality that is not implemented: "
            + request.method()
            + " on "
            + target.name().toLowerCase(java.util.Locale.ROOT)
            + describe(request));
  }

  private static boolean matches(
      S3Route route, ApiRequest request, S3Route.Target target, boolean hasSubresource) {
    if (!route.method().equals(request.method()) || route.target() != target) {
      return false;
    }
    String header = route.header();
    if (header != null && request.header(header) == null) {
      return false;
    }
    String subresource = route.subresource();
    return subresource == null ? !hasSubresource : request.hasQueryParameter(subresource);
  }

  private static String describe(ApiRequest request) {
    @Nullable String keys = String.join("&", request.query().keySet());
    return keys.isEmpty() ? "" : " with ?" + keys;
  }
}
