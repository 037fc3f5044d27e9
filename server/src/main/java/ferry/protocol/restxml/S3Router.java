package ferry.protocol.restxml;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.protocol.ApiRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Names the operation of an S3 request from the whole catalogue of S3's operations, then finds its
 * handler. Every sub-resource of the catalogue is known, so a request for an operation Ferry does
 * not implement is refused with NotImplemented naming it and is never taken for a neighbour (a
 * {@code DELETE /bucket?cors} is DeleteBucketCors, not DeleteBucket). Query parameters that are not
 * sub-resources are ignored, as S3 ignores them.
 */
public final class S3Router {
  /** By method and target, the most specific first: a request is compared with a handful. */
  private final Map<String, List<S3Operation>> operations;

  private final Set<String> subresources;
  private final Map<String, S3Route.Handler> handlers;

  /**
   * @param operations every operation of S3's API
   * @param handlers the implemented ones, by operation name
   */
  public S3Router(List<S3Operation> operations, Map<String, S3Route.Handler> handlers) {
    this.operations =
        operations.stream()
            .sorted(Comparator.comparingInt(S3Operation::conditions).reversed())
            .collect(Collectors.groupingBy(S3Router::methodAndTarget));
    this.subresources =
        Set.copyOf(
            operations.stream().map(S3Operation::subresource).filter(Objects::nonNull).toList());
    Set<String> names = new TreeSet<>(operations.stream().map(S3Operation::name).toList());
    for (String name : handlers.keySet()) {
      if (!names.contains(name)) {
        throw new IllegalArgumentException("A handler for " + name + ", which S3 does not have");
      }
    }
    this.handlers = Map.copyOf(handlers);
  }

  /** The names of the operations that have a handler. */
  public Set<String> implemented() {
    return new TreeSet<>(handlers.keySet());
  }

  public S3Route route(ApiRequest request, S3Address address) {
    S3Operation operation = operationOf(request, address);
    S3Route.Handler handler = handlers.get(operation.name());
    if (handler == null) {
      throw notImplemented(
          "Ferry does not implement "
              + operation.name()
              + " ("
              + operation.requestLine()
              + "); docs/coverage.md lists the operations Ferry implements");
    }
    return new S3Route(operation, handler);
  }

  /** The operation a request names; NotImplemented when it names none of S3's. */
  public S3Operation operationOf(ApiRequest request, S3Address address) {
    S3Operation.Target target =
        address.bucket() == null
            ? S3Operation.Target.SERVICE
            : address.key() == null ? S3Operation.Target.BUCKET : S3Operation.Target.OBJECT;
    boolean hasSubresource = request.query().keySet().stream().anyMatch(subresources::contains);
    for (S3Operation operation :
        operations.getOrDefault(request.method() + " " + target, List.of())) {
      if (matches(operation, request, hasSubresource)) {
        return operation;
      }
    }
    throw notImplemented(
        "S3 has no operation for "
            + request.method()
            + " on a "
            + target.name().toLowerCase(Locale.ROOT)
            + describe(request));
  }

  private static AwsException notImplemented(String why) {
    return new AwsException(
        ErrorCode.sender("NotImplemented", 501),
        "A header or query you provided implies functionality that is not implemented: " + why);
  }

  private static String methodAndTarget(S3Operation operation) {
    return operation.method() + " " + operation.target();
  }

  private static boolean matches(
      S3Operation operation, ApiRequest request, boolean hasSubresource) {
    String header = operation.header();
    if (header != null && request.header(header) == null) {
      return false;
    }
    String parameter = operation.parameter();
    if (parameter != null && !request.hasQueryParameter(parameter)) {
      return false;
    }
    String subresource = operation.subresource();
    return subresource == null ? !hasSubresource : request.hasQueryParameter(subresource);
  }

  private static String describe(ApiRequest request) {
    String keys = String.join("&", request.query().keySet());
    return keys.isEmpty() ? "" : " with ?" + keys;
  }
}
