package ferry.http;

import ferry.auth.AuthErrors;
import ferry.auth.AuthException;
import ferry.auth.AuthFailure;
import ferry.auth.PayloadException;
import ferry.authz.DecisionLog;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ErrorWriter;
import ferry.protocol.ServiceApi;
import ferry.protocol.restxml.HostIds;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern QUERY_SCOPE =
      Pattern.compile(
          "X-Amz-Credential=[^&%]+(?:/|%2F)\\d{8}(?:/|%2F)([^&/%]+)(?:/|%2F)([^&/%]+)(?:/|%2F)aws4_request");

  private final ServiceRouter router;
  private final Authentication authentication;
  private final DecisionEndpoint decisions;

  public FerryHandler(ServiceRouter router, Authentication authentication, DecisionLog log) {
    this.router = router;
    this.authentication = authentication;
    this.decisions = new DecisionEndpoint(log);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (DecisionEndpoint.handles(request.getHttpURI().getPath())) {
      try {
        decisions.serve(request, response);
        callback.succeeded();
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
      }
      return true;
    }
    String signingName = signingName(request);
    boolean s3 = signingName == null || signingName.equals("s3");
    String requestId = s3 ? RequestIds.s3() : RequestIds.uuid();
    if (s3) {
      response.getHeaders().put("x-amz-request-id", requestId);
      response.getHeaders().put("x-amz-id-2", HostIds.of(requestId));
    } else {
      response.getHeaders().put("x-amzn-RequestId", requestId);
    }
    var out = new JettyResponse(response);
    boolean head = "HEAD".equals(request.getMethod());
    try (InputStream body = Content.Source.asInputStream(request)) {
      try {
        ServiceApi service = router.route(signingName);
        ApiRequest apiRequest = authentication.authenticate(request, body, requestId);
        service.serve(apiRequest, out);
      } catch (AwsException error) {
        writeError(error, request, signingName, requestId, head, out);
      } catch (AuthException error) {
        writeError(
            AuthErrors.toAws(error, protocol(request, signingName)),
            request,
            signingName,
            requestId,
            head,
            out);
      } catch (UncheckedIOException | IOException error) {
        IOException cause =
            error instanceof UncheckedIOException unchecked
                ? unchecked.getCause()
                : (IOException) error;
        AuthException payload = payloadFailure(cause);
        if (payload == null) {
          throw cause;
        }
        writeError(
            AuthErrors.toAws(payload, protocol(request, signingName)),
            request,
            signingName,
            requestId,
            head,
            out);
      } catch (RuntimeException error) {
        LOG.error("Request {} failed", requestId, error);
        writeError(
            new AwsException(
                ErrorCode.receiver(s3 ? "InternalError" : "InternalFailure", 500),
                "We encountered an internal error. Please try again. (" + error + ")"),
            request,
            signingName,
            requestId,
            head,
            out);
      }
      out.finish();
      callback.succeeded();
    } catch (IOException | RuntimeException error) {
      LOG.debug("Request {} ended early: {}", requestId, error.toString());
      callback.failed(error);
    }
    return true;
  }

  private void writeError(
      AwsException error,
      Request request,
      @Nullable String signingName,
      String requestId,
      boolean head,
      JettyResponse out)
      throws IOException {
    if (out.isCommitted()) {
      // The answer has begun; the client sees a broken response instead of a wrong one.
      throw new IOException(
          "Failed after the response was committed: " + error.getMessage(), error);
    }
    ErrorWriter.of(protocol(request, signingName), signingName == null ? "s3" : signingName)
        .write(error, requestId, head, out);
  }

  private WireProtocol protocol(Request request, @Nullable String signingName) {
    return router.protocolFor(signingName, request.getHeaders().get("X-Amz-Target"));
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

  /** The service a request is signed for, from its credential scope; null for anonymous ones. */
  static @Nullable String signingName(Request request) {
    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (authorization != null) {
      Matcher matcher = SCOPE.matcher(authorization);
      if (matcher.find()) {
        return matcher.group(2);
      }
      return "s3";
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
