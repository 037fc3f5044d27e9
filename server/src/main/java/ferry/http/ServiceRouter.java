package ferry.http;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ServiceApi;
import ferry.protocol.json.JsonApi;
import ferry.protocol.query.QueryApi;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the service of a request: by the signing name in its SigV4 credential scope; without one,
 * by {@code X-Amz-Target} (JSON services), by {@code Action}, {@code Version} and {@code Host}
 * (query services), and otherwise S3, the one service that allows anonymous access.
 */
public final class ServiceRouter {
  private final Map<String, ServiceApi> bySigningName = new LinkedHashMap<>();
  private final List<JsonApi> jsonServices = new ArrayList<>();
  private final List<QueryApi> queryServices = new ArrayList<>();

  public ServiceRouter(List<ServiceApi> services) {
    for (ServiceApi service : services) {
      bySigningName.put(service.signingName(), service);
      if (service instanceof JsonApi json) {
        jsonServices.add(json);
      } else if (service instanceof QueryApi query) {
        queryServices.add(query);
      }
    }
  }

  public Collection<ServiceApi> services() {
    return List.copyOf(bySigningName.values());
  }

  public ServiceApi route(ServiceHints hints) {
    String signingName = hints.signingName();
    if (signingName != null) {
      ServiceApi service = bySigningName.get(signingName);
      if (service == null) {
        throw new AwsException(
            ErrorCode.sender("UnknownService", 400),
            "Ferry does not serve the service '"
                + signingName
                + "'; it serves "
                + String.join(", ", bySigningName.keySet()));
      }
      return service;
    }
    String target = hints.target();
    if (target != null) {
      for (JsonApi json : jsonServices) {
        if (target.startsWith(json.targetPrefix() + ".")) {
          return json;
        }
      }
      throw new AwsException(
          ErrorCode.sender("UnknownOperationException", 400),
          "Unknown operation "
              + target
              + "; no service Ferry serves has the X-Amz-Target prefix "
              + target.substring(0, Math.max(0, target.indexOf('.'))));
    }
    String action = hints.action();
    if (action != null && !queryServices.isEmpty()) {
      return queryService(hints, action);
    }
    return s3();
  }

  /**
   * The query service an Action without a credential scope is for: the one whose API version it
   * names, else the one its host names, else the one that has the action.
   */
  private QueryApi queryService(ServiceHints hints, String action) {
    for (QueryApi query : queryServices) {
      if (query.version().equals(hints.version())) {
        return query;
      }
    }
    for (QueryApi query : queryServices) {
      if (hints.hostNames(query.signingName())) {
        return query;
      }
    }
    for (QueryApi query : queryServices) {
      if (query.hasAction(action)) {
        return query;
      }
    }
    // Unsigned, so any of them answers MissingAuthenticationToken in the query protocol's shape.
    return queryServices.getFirst();
  }

  private ServiceApi s3() {
    ServiceApi s3 = bySigningName.get("s3");
    if (s3 == null) {
      throw new AwsException(
          ErrorCode.sender("UnknownService", 400),
          "Ferry does not serve S3; it serves " + String.join(", ", bySigningName.keySet()));
    }
    return s3;
  }

  /**
   * The wire family to report an error in when no service was found: by the signing name, by
   * X-Amz-Target for JSON services, by Action for query services.
   */
  public WireProtocol protocolFor(ServiceHints hints) {
    String signingName = hints.signingName();
    ServiceApi service = signingName == null ? null : bySigningName.get(signingName);
    if (service != null) {
      return service.protocol();
    }
    if (hints.target() != null) {
      return WireProtocol.JSON;
    }
    if (signingName == null ? hints.action() != null : !signingName.equals("s3")) {
      return WireProtocol.QUERY;
    }
    return WireProtocol.REST_XML;
  }
}
