package ferry.http;

import ferry.auth.AuthException;
import ferry.auth.AuthFailure;
import ferry.auth.Authenticated;
import ferry.auth.CredentialScope;
import ferry.auth.SigV4Verifier;
import ferry.auth.SignedRequest;
import ferry.auth.StoredCredential;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.protocol.ApiRequest;
import ferry.protocol.PercentDecoding;
import ferry.protocol.ServiceApi;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/** Turns a Jetty request into an authenticated {@link ApiRequest}: SigV4 checked, body wrapped. */
public final class Authentication {
  private final SigV4Verifier verifier;
  private final Clock clock;
  private final Clock ferryClock;

  public Authentication(SigV4Verifier verifier, Clock clock) {
    this(verifier, clock, clock);
  }

  /**
   * {@code signingClock} judges signatures' times (clients sign with the real time); the caller's
   * request time is Ferry's own clock, which a test clock may have moved, so that a request's event
   * and its in-process calls share one timeline.
   */
  public Authentication(SigV4Verifier verifier, Clock signingClock, Clock ferryClock) {
    this.verifier = verifier;
    this.clock = signingClock;
    this.ferryClock = ferryClock;
  }

  /** Authenticates a request for {@code service}, whose region rules decide the caller's region. */
  public ApiRequest authenticate(
      Request request, InputStream body, String requestId, ServiceApi service) throws IOException {
    Map<String, List<String>> headers = headers(request);
    String rawPath = request.getHttpURI().getPath();
    String rawQuery = request.getHttpURI().getQuery();
    var signed =
        new SignedRequest(
            request.getMethod(),
            rawPath == null ? "/" : rawPath,
            rawQuery == null ? "" : rawQuery,
            headers);
    Instant now = clock.instant();
    Authenticated authenticated = verifier.verify(signed, body, now);
    CredentialScope scope = authenticated.scope();
    String sourceIp = Request.getRemoteAddr(request);
    Instant requestTime = ferryClock == clock ? now : ferryClock.instant();
    Region region = region(scope, service);
    StoredCredential credential = authenticated.credential();
    Caller caller =
        credential == null
            ? Caller.unsigned(
                authenticated.principal(), sourceIp, request.isSecure(), requestTime, region)
            : credential.caller(sourceIp, request.isSecure(), requestTime, region);
    return new ApiRequest(
        requestId,
        request.getMethod(),
        request.getHttpURI().getAuthority() == null ? "" : hostOf(request),
        signed.rawPath(),
        query(signed.rawQuery()),
        headers,
        authenticated.body(),
        authenticated.decodedLength(),
        caller,
        authenticated.chunked() == null ? Map::of : authenticated.chunked()::trailers);
  }

  /**
   * The region a request acts in: us-east-1 for a global service, whatever region it was signed
   * for, and for a request without a credential scope; otherwise the scope's region, which must not
   * be blank.
   */
  private static Region region(@Nullable CredentialScope scope, ServiceApi service) {
    if (scope == null || service.global()) {
      return Region.US_EAST_1;
    }
    if (scope.region().isBlank()) {
      throw new AuthException(
          AuthFailure.INVALID_REGION,
          "Credential should be scoped to a valid region.",
          Map.of("Region", Region.US_EAST_1.name()));
    }
    return Region.of(scope.region());
  }

  private static String hostOf(Request request) {
    String host = request.getHeaders().get("Host");
    return host == null ? "" : host;
  }

  private static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers
          .computeIfAbsent(field.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(field.getValue());
    }
    return headers;
  }

  private static Map<String, List<String>> query(String rawQuery) {
    try {
      return decodedQuery(rawQuery);
    } catch (PercentDecoding.Malformed e) {
      throw new AuthException(AuthFailure.MALFORMED_URI, e.getMessage());
    }
  }

  /**
   * Query parameters decoded; '+' is a space here, as browsers and form encoders write it.
   *
   * @throws PercentDecoding.Malformed for a name or value that is not percent-encoded UTF-8
   */
  static Map<String, List<String>> decodedQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery.isEmpty()) {
      return query;
    }
    for (String part : rawQuery.split("&")) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String name = PercentDecoding.form(eq < 0 ? part : part.substring(0, eq));
      String value = eq < 0 ? "" : PercentDecoding.form(part.substring(eq + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }
}
