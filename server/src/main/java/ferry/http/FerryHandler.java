package ferry.http;

import ferry.auth.AuthErrors;
import ferry.auth.AuthException;
import ferry.auth.AuthFailure;
import ferry.auth.PayloadException;
import ferry.authz.DecisionLog;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.cloudtrail.EventRecorder;
import ferry.protocol.ApiRequest;
import ferry.protocol.ErrorWriter;
import ferry.protocol.PercentDecoding;
import ferry.protocol.RequestOutcome;
import ferry.protocol.ServiceApi;
import ferry.protocol.restxml.HostIds;
import ferry.store.StoreException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every AWS request enters here: it gets its id, is authenticated, routed to its service and
 * answered; an {@link AwsException} from anywhere below is caught here once and rendered in the
 * wire family of the service.
 */
public final class FerryHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(FerryHandler.class);
  private static final Pattern SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]*)/([^/,\\s]+)/aws4_request");
  private static final Pattern QUERY_SCOPE =
      Pattern.compile(
          "X-Amz-Credential=[^&%]+(?:/|%2F)\\d{8}(?:/|%2F)([^&/%]*)(?:/|%2F)([^&/%]+)(?:/|%2F)aws4_request");

  /** The most of an unsigned form read to find its Action; the query services' own limit. */
  private static final int MAX_PEEKED_FORM = 1 << 20;

  private final ServiceRouter router;
  private final Authentication authentication;
  private final DecisionEndpoint decisions;
  private final ClockEndpoint clock;
  private final @Nullable EventRecorder trail;
  private final Predicate<Caller> decisionReaders;

  public FerryHandler(ServiceRouter router, Authentication authentication, DecisionLog log) {
    this(router, authentication, log, null);
  }

  public FerryHandler(
      ServiceRouter router,
      Authentication authentication,
      DecisionLog log,
      @Nullable TestClockControl testClock) {
    this(router, authentication, log, testClock, null);
  }

  /**
   * A handler whose {@code /_ferry/clock} moves {@code testClock}, when Ferry runs for tests, and
   * which records each authenticated request in {@code trail}.
   */
  public FerryHandler(
      ServiceRouter router,
      Authentication authentication,
      DecisionLog log,
      @Nullable TestClockControl testClock,
      @Nullable EventRecorder trail) {
    this(router, authentication, log, testClock, trail, caller -> false);
  }

  /**
   * @param decisionReaders whether a caller signing a request from another machine may read the
   *     decision log (its account's part)
   */
  public FerryHandler(
      ServiceRouter router,
      Authentication authentication,
      DecisionLog log,
      @Nullable TestClockControl testClock,
      @Nullable EventRecorder trail,
      Predicate<Caller> decisionReaders) {
    this.decisionReaders = decisionReaders;
    this.trail = trail;
    this.router = router;
    this.authentication = authentication;
    this.decisions = new DecisionEndpoint(log);
    this.clock = new ClockEndpoint(testClock);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    boolean clockPath = ClockEndpoint.handles(path);
    if (clockPath || DecisionEndpoint.handles(path)) {
      try {
        if (clockPath) {
          clock.serve(request, response);
        } else if (DecisionEndpoint.fromLoopback(request)) {
          decisions.serve(request, response, null);
        } else {
          Caller reader = decisionReader(request, response);
          if (reader != null) {
            decisions.serve(request, response, reader.account());
          }
        }
        callback.succeeded();
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
      }
      return true;
    }
    try (InputStream stream = Content.Source.asInputStream(request)) {
      String signingName = signingName(request);
      InputStream body = stream;
      byte[] form = null;
      if (signingName == null && isQueryForm(request)) {
        // Unsigned, the form's Action is all that says which query service the request is for.
        form = stream.readNBytes(MAX_PEEKED_FORM);
        body = new SequenceInputStream(new ByteArrayInputStream(form), stream);
      }
      ServiceHints hints = hints(request, signingName, form);
      serve(request, response, hints, body);
      callback.succeeded();
    } catch (IOException | RuntimeException error) {
      LOG.debug("Request ended early: {}", error.toString());
      callback.failed(error);
    }
    return true;
  }

  /**
   * The signed caller of a decision request from another machine, if it may read decisions;
   * otherwise the request is refused and null returned.
   */
  private @Nullable Caller decisionReader(Request request, Response response) throws IOException {
    String signingName = signingName(request);
    if (signingName == null) {
      DecisionEndpoint.refuse(
          response,
          "Off loopback this endpoint answers only requests signed by a caller allowed"
              + " cloudtrail:LookupEvents");
      return null;
    }
    Caller caller;
    try (InputStream body = Content.Source.asInputStream(request)) {
      ServiceApi service = router.route(hints(request, signingName, null));
      caller = authentication.authenticate(request, body, RequestIds.uuid(), service).caller();
    } catch (AwsException | AuthException e) {
      DecisionEndpoint.refuse(
          response, "The request's signature was not accepted: " + e.getMessage());
      return null;
    }
    if (caller.isAnonymous() || !decisionReaders.test(caller)) {
      DecisionEndpoint.refuse(
          response,
          caller.arn() + " is not allowed cloudtrail:LookupEvents, which reading decisions needs");
      return null;
    }
    return caller;
  }

  private void serve(Request request, Response response, ServiceHints hints, InputStream body)
      throws IOException {
    ServiceApi service = null;
    AwsException unrouted = null;
    try {
      service = router.route(hints);
    } catch (AwsException error) {
      unrouted = error;
    }
    WireProtocol protocol = service != null ? service.protocol() : router.protocolFor(hints);
    String serviceName =
        service != null
            ? service.signingName()
            : hints.signingName() != null ? hints.signingName() : "s3";
    boolean s3 = protocol == WireProtocol.REST_XML;
    String requestId = s3 ? RequestIds.s3() : RequestIds.uuid();
    if (s3) {
      response.getHeaders().put("x-amz-request-id", requestId);
      response.getHeaders().put("x-amz-id-2", HostIds.of(requestId));
    } else {
      response.getHeaders().put("x-amzn-RequestId", requestId);
    }
    var out = new JettyResponse(response);
    var errors = ErrorWriter.of(protocol, serviceName);
    boolean head = "HEAD".equals(request.getMethod());
    long started = System.nanoTime();
    ApiRequest apiRequest = null;
    AwsException failure = null;
    EventRecorder.Call call = null;
    try {
      try {
        if (unrouted != null) {
          throw unrouted;
        }
        apiRequest = authentication.authenticate(request, body, requestId, service);
        if (apiRequest.caller().isAnonymous() && !service.servesUnsigned(hints.operation())) {
          throw new AuthException(
              AuthFailure.MISSING_AUTHENTICATION, "Request is missing Authentication Token");
        }
        call = openCall(apiRequest, service, request);
        if (call != null) {
          out.beforeCommit(call::record);
          out.onOperation(call::named);
        }
        service.serve(apiRequest, out);
      } catch (AwsException error) {
        failure = error;
        failed(call, failure);
      } catch (AuthException error) {
        failure = AuthErrors.toAws(error, protocol);
        failed(call, failure);
      } catch (UncheckedIOException | IOException error) {
        IOException cause =
            error instanceof UncheckedIOException unchecked
                ? unchecked.getCause()
                : (IOException) error;
        if (cause instanceof ApiRequest.BodyTooLarge tooLarge) {
          failure = tooLarge.error(protocol);
        } else {
          AuthException payload = payloadFailure(cause);
          if (payload == null) {
            throw cause;
          }
          failure = AuthErrors.toAws(payload, protocol);
        }
        failed(call, failure);
      } catch (RuntimeException error) {
        if (StoreException.unreachable(error)) {
          failure = DatabaseOutage.error(protocol, error);
          if (call != null) {
            // Nothing was done, and the event history is in the database that is away.
            call.discard();
          }
        } else {
          LOG.error("Request {} failed", requestId, error);
          failure =
              new AwsException(
                  ErrorCode.receiver(s3 ? "InternalError" : "InternalFailure", 500),
                  "We encountered an internal error. Please try again. (" + error + ")");
          failed(call, failure);
        }
      }
      if (failure != null) {
        RequestBodies.finishBeforeRefusal(request, body, response);
        writeError(failure, errors, requestId, head, out);
      }
    } finally {
      if (call != null) {
        call.close();
      }
    }
    if (call != null) {
      // An answer with no body is committed by Jetty after this method returns.
      call.record();
    }
    long answered = System.nanoTime();
    out.finish();
    if (apiRequest != null && service != null) {
      tellAnswered(service, apiRequest, request, response, out, failure, started, answered);
    }
  }

  /**
   * Starts the audit record of an authenticated request; it is written just before the answer is
   * committed, so no answered request lacks its event.
   */
  private EventRecorder.@Nullable Call openCall(
      ApiRequest apiRequest, ServiceApi service, Request request) {
    // Of the calls without credentials CloudTrail records S3's, in the bucket owner's account.
    if (trail == null
        || (apiRequest.caller().isAnonymous() && !service.signingName().equals("s3"))) {
      return null;
    }
    String target = request.getHeaders().get("X-Amz-Target");
    String operation = service.operationOf(apiRequest);
    if (operation == null) {
      operation =
          target != null && target.indexOf('.') >= 0
              ? target.substring(target.lastIndexOf('.') + 1)
              : apiRequest.queryParameter("Action");
    }
    String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
    EventRecorder.Call call =
        trail.open(
            apiRequest.caller(),
            service.signingName(),
            operation,
            apiRequest.requestId(),
            userAgent == null ? "" : userAgent);
    return call;
  }

  private static void failed(EventRecorder.@Nullable Call call, AwsException failure) {
    if (call != null) {
      call.failed(failure.code(), failure.getMessage());
    }
  }

  /**
   * Lets the service see the outcome, e.g. for S3's server access logs; never fails the request.
   */
  private static void tellAnswered(
      ServiceApi service,
      ApiRequest apiRequest,
      Request request,
      Response response,
      JettyResponse out,
      @Nullable AwsException failure,
      long started,
      long answered) {
    try {
      long now = System.nanoTime();
      service.answered(
          apiRequest,
          new RequestOutcome(
              apiRequest.caller().requestTime(),
              failure != null ? failure.httpStatus() : response.getStatus(),
              failure == null ? null : failure.code(),
              out.bytesSent(),
              (answered - started) / 1_000_000,
              (now - started) / 1_000_000,
              request.getConnectionMetaData().getHttpVersion().asString(),
              request.isSecure()));
    } catch (RuntimeException e) {
      LOG.warn("Request {}: its outcome could not be recorded", apiRequest.requestId(), e);
    }
  }

  private static void writeError(
      AwsException error, ErrorWriter errors, String requestId, boolean head, JettyResponse out)
      throws IOException {
    if (out.isCommitted()) {
      // The answer has begun; the client sees a broken response instead of a wrong one.
      throw new IOException(
          "Failed after the response was committed: " + error.getMessage(), error);
    }
    errors.write(error, requestId, head, out);
  }

  /** An unsigned POST of a form to the root, as query-protocol clients send every call. */
  private static boolean isQueryForm(Request request) {
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    return "POST".equals(request.getMethod())
        && "/".equals(request.getHttpURI().getPath())
        && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }

  private static ServiceHints hints(
      Request request, @Nullable String signingName, byte @Nullable [] form) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (signingName != null) {
      return new ServiceHints(signingName, null, null, null, host == null ? "" : host);
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if ("/".equals(request.getHttpURI().getPath())) {
      String query = request.getHttpURI().getQuery();
      try {
        parameters.putAll(Authentication.decodedQuery(query == null ? "" : query));
        if (form != null) {
          Authentication.decodedQuery(new String(form, StandardCharsets.UTF_8))
              .forEach(parameters::putIfAbsent);
        }
      } catch (PercentDecoding.Malformed e) {
        // Only hints: the service that reads the query or form says what is wrong with it (a
        // peeked form may also end in the middle of an escape).
      }
    }
    return new ServiceHints(
        null,
        request.getHeaders().get("X-Amz-Target"),
        first(parameters, "Action"),
        first(parameters, "Version"),
        host == null ? "" : host);
  }

  private static @Nullable String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() || values.getFirst().isEmpty()
        ? null
        : values.getFirst();
  }

  /**
   * The body failed as it streamed: a bad chunk signature or framing, a payload hash mismatch, or
   * fewer bytes than announced. Anything else is the connection failing.
   */
  private static @Nullable AuthException payloadFailure(IOException error) {
    if (error instanceof PayloadException payload) {
      return payload.failure();
    }
    if (error instanceof EOFException || error instanceof EofException) {
      return new AuthException(AuthFailure.INCOMPLETE_BODY, "The request body ended early");
    }
    return null;
  }

  /**
   * The service a request is signed for, from its credential scope (whose region may be blank);
   * null when it has none.
   */
  static @Nullable String signingName(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null) {
      Matcher matcher = SCOPE.matcher(authorization);
      if (matcher.find()) {
        return matcher.group(2);
      }
      // SigV2 is S3's alone; a SigV4 header without a readable scope is routed as if unsigned.
      return authorization.startsWith("AWS ") ? "s3" : null;
    }
    String query = request.getHttpURI().getQuery();
    if (query != null) {
      Matcher matcher = QUERY_SCOPE.matcher(query);
      if (matcher.find()) {
        return matcher.group(2);
      }
    }
    return null;
  }
}
