package ferry.console.web;

import ferry.auth.StoredCredential;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.sts.StsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console under {@code /_ferry/console}: finds the route, the session behind the cookie and the
 * caller it signs in, refuses a form without its token, and renders what the route answers. Any
 * other path is left to the handlers after it, so the API path pays one prefix comparison.
 */
public final class ConsoleHandler extends Handler.Abstract {
  public static final String PREFIX = "/_ferry/console";
  static final String COOKIE = "ferry-console";
  static final String CSRF_FIELD = "csrf";

  /** The most a urlencoded form may hold; the console's forms are a few short fields. */
  private static final int MAX_FORM = 64 * 1024;

  /** The largest file the console uploads in one form; larger objects go through the API. */
  static final long MAX_UPLOAD = 64L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHandler.class);

  private final List<Route> routes;
  private final ConsoleSessions sessions;
  private final SignIn signIn;
  private final Denials denials;
  private final Templates templates = new Templates();
  private final Clock clock;

  public ConsoleHandler(
      List<Route> pages,
      ConsoleSessions sessions,
      SignIn signIn,
      StsService sts,
      Denials denials,
      Clock clock) {
    this.sessions = sessions;
    this.signIn = signIn;
    this.denials = denials;
    this.clock = clock;
    var all = new ArrayList<Route>(new SessionPages(sessions, signIn, sts, denials).routes());
    all.addAll(Assets.routes());
    all.addAll(pages);
    this.routes = List.copyOf(all);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (path == null || !(path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
      return false;
    }
    try {
      serve(request, response, path.substring(PREFIX.length()));
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Console request ended early: {}", e.toString());
      callback.failed(e);
    }
    return true;
  }

  private void serve(Request request, Response response, String path) throws IOException {
    securityHeaders(response);
    if (path.isEmpty()) {
      write(request, response, Reply.redirect("/"), Frame.signedOut());
      return;
    }
    String method = request.getMethod();
    Route route = null;
    Map<String, String> parameters = Map.of();
    boolean otherMethod = false;
    for (Route candidate : routes) {
      Map<String, String> match = candidate.match(path);
      if (match != null) {
        if (candidate.method().equals(method)) {
          route = candidate;
          parameters = match;
          break;
        }
        otherMethod = true;
      }
    }
    String cookie = sessionCookie(request);
    ConsoleSession session = sessions.find(cookie);
    StoredCredential credential = session == null ? null : signIn.stillValid(session.credential());
    if (session != null && credential == null) {
      sessions.close(session.id());
      session = null;
    }
    Frame frame = session == null ? Frame.signedOut() : frame(session, path);
    if (route == null) {
      int status = otherMethod ? 405 : 404;
      write(request, response, Reply.page(status, "notfound.jte", path), frame);
      return;
    }
    if (!route.isPublic() && session == null) {
      if (cookie == null) {
        write(request, response, Reply.redirect("/signin"), frame);
      } else {
        clearCookie(request, response);
        write(request, response, Reply.page(401, "signin.jte", SignInForm.SIGNED_OUT), frame);
      }
      return;
    }
    Map<String, List<String>> form = Map.of();
    List<ConsoleRequest.FilePart> files = List.of();
    if ("POST".equals(method)) {
      String contentType = request.getHeaders().get("Content-Type");
      if (isMultipart(contentType)) {
        form = new java.util.LinkedHashMap<>();
        files = new ArrayList<>();
        if (!readMultipart(request, contentType, form, files)) {
          write(request, response, Reply.page(413, "error.jte", tooLarge()), frame);
          return;
        }
      } else {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
          body = in.readNBytes(MAX_FORM + 1);
        }
        if (body.length > MAX_FORM) {
          write(request, response, Reply.page(413, "error.jte", tooLarge()), frame);
          return;
        }
        form = PercentDecoding.form(new String(body, StandardCharsets.UTF_8));
      }
      if (!route.isPublic() && !tokenMatches(session, form)) {
        write(request, response, Reply.page(403, "error.jte", csrfRefused()), frame);
        return;
      }
    }
    Caller caller = session == null ? null : caller(request, credential);
    var consoleRequest =
        new ConsoleRequest(
            method,
            path,
            parameters,
            PercentDecoding.form(request.getHttpURI().getQuery()),
            form,
            files,
            session,
            caller,
            frame);
    Reply reply;
    try {
      reply = route.handler().handle(consoleRequest);
    } catch (AwsException error) {
      reply = errorPage(error);
    }
    if (reply instanceof Reply.SessionOpened opened) {
      setCookie(request, response, opened.session().id());
      write(request, response, opened.then(), frame(opened.session(), path));
    } else if (reply instanceof Reply.SessionClosed closed) {
      clearCookie(request, response);
      write(request, response, closed.then(), Frame.signedOut());
    } else {
      write(request, response, reply, frame);
    }
  }

  private Reply errorPage(AwsException error) {
    if (Denials.isDenial(error)) {
      return Reply.page(403, "denied.jte", denials.of(error));
    }
    int status = error.httpStatus() >= 500 ? 500 : error.httpStatus();
    if (status >= 500) {
      LOG.error("Console page failed", error);
    }
    return Reply.page(status, "error.jte", new ErrorPage(error.code(), error.getMessage()));
  }

  /** What the error page shows: a title and a sentence. */
  public record ErrorPage(String title, String message) {}

  private static ErrorPage tooLarge() {
    return new ErrorPage(
        "Too large", "The form is larger than the console accepts; use the API for large objects.");
  }

  private static ErrorPage csrfRefused() {
    return new ErrorPage(
        "Form refused",
        "The form did not carry this session's token, so it was not sent from a console page."
            + " Reload the page and try again.");
  }

  private static boolean tokenMatches(
      @Nullable ConsoleSession session, Map<String, List<String>> form) {
    List<String> tokens = form.get(CSRF_FIELD);
    if (session == null || tokens == null || tokens.size() != 1) {
      return false;
    }
    return MessageDigest.isEqual(
        tokens.get(0).getBytes(StandardCharsets.UTF_8),
        session.csrfToken().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean isMultipart(@Nullable String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        && MultiPart.extractBoundary(contentType) != null;
  }

  /** Reads a multipart form into fields and files; false when it is larger than allowed. */
  private static boolean readMultipart(
      Request request,
      String contentType,
      Map<String, List<String>> form,
      List<ConsoleRequest.FilePart> files)
      throws IOException {
    var config =
        new MultiPartConfig.Builder()
            .maxSize(MAX_UPLOAD + MAX_FORM)
            .maxPartSize(MAX_UPLOAD)
            .maxMemoryPartSize(MAX_UPLOAD)
            .maxParts(32)
            .build();
    MultiPartFormData.Parts parts;
    try {
      parts = MultiPartFormData.getParts(request, request, contentType, config);
    } catch (RuntimeException e) {
      LOG.debug("Console form refused: {}", e.toString());
      return false;
    }
    try (parts) {
      for (MultiPart.Part part : parts) {
        if (part.getName() == null) {
          continue;
        }
        if (part.getFileName() == null) {
          form.computeIfAbsent(part.getName(), n -> new ArrayList<>())
              .add(part.getContentAsString(StandardCharsets.UTF_8));
        } else {
          byte[] content;
          try (InputStream in = Content.Source.asInputStream(part.createContentSource())) {
            content = in.readAllBytes();
          }
          String type = part.getHeaders().get("Content-Type");
          files.add(
              new ConsoleRequest.FilePart(
                  part.getName(),
                  part.getFileName(),
                  type == null ? "application/octet-stream" : type,
                  content));
        }
      }
    }
    return true;
  }

  private Caller caller(Request request, StoredCredential credential) {
    return credential.caller(
        Request.getRemoteAddr(request), request.isSecure(), clock.instant(), Region.US_EAST_1);
  }

  private static Frame frame(ConsoleSession session, String path) {
    Principal principal = session.credential().principal();
    String first = path.length() <= 1 ? "overview" : path.substring(1).split("/", 2)[0];
    return new Frame(
        true,
        principal.account().value(),
        principal.arn(),
        session.csrfToken(),
        first,
        session.switchedFrom() == null ? null : session.switchedFrom().principal().arn());
  }

  private static @Nullable String sessionCookie(Request request) {
    for (HttpCookie cookie : Request.getCookies(request)) {
      if (COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static void setCookie(Request request, Response response, String id) {
    response
        .getHeaders()
        .add(
            "Set-Cookie",
            COOKIE
                + "="
                + id
                + "; Path="
                + PREFIX
                + "; HttpOnly; SameSite=Strict"
                + (request.isSecure() ? "; Secure" : ""));
  }

  private static void clearCookie(Request request, Response response) {
    response
        .getHeaders()
        .add(
            "Set-Cookie",
            COOKIE
                + "=; Path="
                + PREFIX
                + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (request.isSecure() ? "; Secure" : ""));
  }

  private static void securityHeaders(Response response) {
    var headers = response.getHeaders();
    headers.put(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "same-origin");
    headers.put("X-Frame-Options", "DENY");
  }

  private void write(Request request, Response response, Reply reply, Frame frame)
      throws IOException {
    switch (reply) {
      case Reply.Page page -> {
        byte[] html = templates.render(page.template(), frame, page.model());
        response.setStatus(page.status());
        response.getHeaders().put("Content-Type", "text/html; charset=utf-8");
        response.getHeaders().put("Cache-Control", "no-store");
        send(request, response, html);
      }
      case Reply.Redirect redirect -> {
        response.setStatus(303);
        response.getHeaders().put("Location", redirect.location());
        response.getHeaders().put("Content-Length", "0");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
          out.flush();
        }
      }
      case Reply.Download download -> {
        response.setStatus(200);
        response.getHeaders().put("Content-Type", download.contentType());
        response.getHeaders().put("Content-Length", Long.toString(download.length()));
        response.getHeaders().put("Cache-Control", "no-store");
        response
            .getHeaders()
            .put(
                "Content-Disposition",
                "attachment; filename=\""
                    + download.filename().replaceAll("[^A-Za-z0-9._-]", "_")
                    + "\"; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(download.filename(), StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        try (InputStream in = download.body();
            OutputStream out = Content.Sink.asOutputStream(response)) {
          if (!"HEAD".equals(request.getMethod())) {
            in.transferTo(out);
          }
        }
      }
      case Reply.Raw raw -> raw.writer().write(request, response);
      case Reply.SessionOpened opened -> throw new IllegalStateException("handled by serve");
      case Reply.SessionClosed closed -> throw new IllegalStateException("handled by serve");
    }
  }

  private static void send(Request request, Response response, byte[] body) throws IOException {
    response.getHeaders().put("Content-Length", Integer.toString(body.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      if (!"HEAD".equals(request.getMethod())) {
        out.write(body);
      }
    }
  }
}
