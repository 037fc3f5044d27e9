package ferry.http;

import ferry.iam.store.AccessKeyRepository;
import ferry.protocol.ApiRequest;
import java.io.InputStream;
import java.time.Clock;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** WIP placeholder replaced by the SigV4 glue. */
public final class Authentication {
  public Authentication(AccessKeyRepository keys, Clock clock) {}

  public ApiRequest authenticate(
      Request request, InputStream body, String requestId, @Nullable String signingName) {
    throw new IllegalStateException("wip");
  }
}
