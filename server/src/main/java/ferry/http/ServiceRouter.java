package ferry.http;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ServiceApi;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Picks the service of a request by the signing name in its SigV4 credential scope; requests
 * without credentials can only be S3's (the one service that allows anonymous access).
 */
public final class ServiceRouter {
  private final Map<String, ServiceApi> bySigningName = new LinkedHashMap<>();

  public ServiceRouter(List<ServiceApi> services) {
    for (ServiceApi service : services) {
      bySigningName.put(service.signingName(), service);
    }
  }

  public Collection<ServiceApi> services() {
    return List.copyOf(bySigningName.values());
  }

  public ServiceApi route(@Nullable String signingName) {
    ServiceApi service = bySigningName.get(signingName == null ? "s3" : signingName);
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

  /**
   * The wire family to report an error in before the service is known: by X-Amz-Target for JSON
   * services, by the signing name otherwise.
   */
  public WireProtocol protocolFor(@Nullable String signingName, @Nullable String target) {
    ServiceApi service = signingName == null ? null : bySigningName.get(signingName);
    if (service != null) {
      return service.protocol();
    }
    if (target != null) {
      return WireProtocol.JSON;
    }
    return signingName == null || signingName.equals("s3")
        ? WireProtocol.REST_XML
        : WireProtocol.QUERY;
  }
}
