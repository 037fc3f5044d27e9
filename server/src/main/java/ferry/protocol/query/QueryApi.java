package ferry.protocol.query;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.QueryNamespaces;
import ferry.protocol.ServiceApi;
import ferry.protocol.Xml;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The query protocol (IAM, STS): {@code Action} and {@code Version} pick the operation; the result
 * goes inside {@code <ActionResponse><ActionResult>} followed by the request id.
 */
public abstract class QueryApi implements ServiceApi {
  private static final int MAX_FORM_BYTES = 1 << 20;

  private final String signingName;
  private final String version;
  private final String namespace;

  protected QueryApi(String signingName, String version) {
    this.signingName = signingName;
    this.version = version;
    this.namespace = QueryNamespaces.of(signingName);
  }

  /** The operation table: action name to handler. */
  protected abstract Map<String, QueryOperation> operations();

  /** Actions AWS serves without credentials (botocore's model marks them {@code noAuth}). */
  protected Set<String> unsignedActions() {
    return Set.of();
  }

  /** The API version a request names in {@code Version}, such as {@code 2010-05-08}. */
  public final String version() {
    return version;
  }

  /** Whether {@code action} is one of this service's operations. */
  public final boolean hasAction(String action) {
    return operations().containsKey(action) || unsignedActions().contains(action);
  }

  @Override
  public final boolean servesUnsigned(@Nullable String operation) {
    return operation != null && unsignedActions().contains(operation);
  }

  @Override
  public final String signingName() {
    return signingName;
  }

  @Override
  public final Set<String> implementedOperations() {
    return new TreeSet<>(operations().keySet());
  }

  @Override
  public final WireProtocol protocol() {
    return WireProtocol.QUERY;
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) throws IOException {
    QueryParameters parameters = parameters(request);
    String action = parameters.optional("Action");
    if (action == null || action.isEmpty()) {
      throw new AwsException(
          ErrorCode.sender("MissingAction", 400),
          "Could not find operation for request: missing Action");
    }
    QueryOperation operation = operations().get(action);
    if (operation == null) {
      throw new AwsException(
          ErrorCode.sender("InvalidAction", 400),
          "Could not find operation "
              + action
              + " for version "
              + version
              + ": Ferry does not implement it; docs/coverage.md lists the operations Ferry"
              + " implements");
    }
    response.operation(action);
    String requested = parameters.optional("Version");
    if (requested != null && !requested.equals(version)) {
      throw new AwsException(
          ErrorCode.sender("InvalidAction", 400),
          "Could not find operation " + action + " for version " + requested);
    }
    Xml result = operation.handle(parameters, request);
    Xml xml = Xml.fragment().open(action + "Response", "xmlns", namespace);
    if (result != null) {
      xml.open(action + "Result").raw(result.toString()).close(action + "Result");
    }
    xml.open("ResponseMetadata")
        .element("RequestId", request.requestId())
        .close("ResponseMetadata")
        .close(action + "Response");
    response.send(
        200, "text/xml", xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static QueryParameters parameters(ApiRequest request) throws IOException {
    if ("GET".equals(request.method())) {
      Map<String, String> values = new java.util.LinkedHashMap<>();
      request
          .query()
          .forEach((name, list) -> values.put(name, list.isEmpty() ? "" : list.getFirst()));
      return new QueryParameters(values);
    }
    return QueryParameters.parse(request.bodyText(MAX_FORM_BYTES));
  }
}
