package ferry.s3.wire.website;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.s3.GetObjectRequest;
import ferry.s3.GetObjectResult;
import ferry.s3.ObjectVersion;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import ferry.s3.WebsiteConfiguration;
import ferry.s3.WebsiteRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * S3's website endpoint: GET and HEAD from an anonymous visitor, answered with the object, an index
 * or error document, or a redirect, and otherwise with an HTML error page. Every object is read
 * through {@link S3Service} as the anonymous caller, so only what the bucket policy makes public is
 * served, exactly as on AWS.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteEndpoints.html
 */
public final class WebsiteEndpoint {
  static final String REDIRECT_HEADER = "x-amz-website-redirect-location";
  private static final Set<String> ERRORS_THAT_MAY_BE_A_FOLDER =
      Set.of("NoSuchKey", "AccessDenied");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final S3Service s3;

  public WebsiteEndpoint(S3Service s3) {
    this.s3 = s3;
  }

  public void serve(ApiRequest request, WebsiteAddress address, ApiResponse response)
      throws IOException {
    var answer = new Answer(request, address, response);
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      answer.errorPage(S3Errors.methodNotAllowed(request.method(), "OBJECT"), null);
      return;
    }
    WebsiteConfiguration website;
    try {
      website = s3.websites().website(address.bucket());
    } catch (AwsException error) {
      answer.errorPage(error, null);
      return;
    }
    if (address.rootWithoutSlash()) {
      answer.redirect(302, address.root());
      return;
    }
    serve(new WebsiteRouting(website), address, anonymous(request.caller()), answer);
  }

  private void serve(WebsiteRouting routing, WebsiteAddress address, Caller visitor, Answer answer)
      throws IOException {
    String key = address.key();
    WebsiteRouting.Redirect before = routing.beforeLookup(key);
    if (before != null) {
      answer.redirect(before);
      return;
    }
    AwsException failure;
    try {
      answer.object(read(visitor, address.bucket(), routing.objectKey(key), answer.head), 200);
      return;
    } catch (AwsException error) {
      failure = error;
    }
    String folderIndex = routing.folderIndex(key);
    if (folderIndex != null && ERRORS_THAT_MAY_BE_A_FOLDER.contains(failure.code())) {
      try {
        read(visitor, address.bucket(), folderIndex, true).body().close();
        answer.redirect(302, address.root() + encode(key) + "/");
        return;
      } catch (AwsException notAFolder) {
        // Not a folder either: the first failure stands.
      }
    }
    WebsiteRouting.Redirect after = routing.afterError(key, failure.httpStatus());
    if (after != null) {
      answer.redirect(after);
      return;
    }
    String errorDocument = routing.errorDocument(failure.httpStatus());
    if (errorDocument == null) {
      answer.errorPage(failure, null);
      return;
    }
    GetObjectResult document;
    try {
      document = read(visitor, address.bucket(), errorDocument, answer.head);
    } catch (AwsException documentFailure) {
      answer.errorPage(failure, documentFailure);
      return;
    }
    answer.object(document, failure.httpStatus());
  }

  private GetObjectResult read(Caller visitor, String bucket, String key, boolean head) {
    var read = new GetObjectRequest(bucket, key, null, null);
    return head ? s3.objects().headObject(visitor, read) : s3.objects().getObject(visitor, read);
  }

  /** Whoever signs a request to the website endpoint, S3 serves it as an anonymous visitor. */
  private static Caller anonymous(Caller caller) {
    return caller.as(new Principal.Anonymous());
  }

  /** A key as a URL path: each character percent-encoded but the unreserved ones and '/'. */
  static String encode(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("%2F", "/")
        .replace("%7E", "~");
  }

  /** One request's answer: the object, a redirect, or an HTML error page. */
  private static final class Answer {
    private final ApiRequest request;
    private final WebsiteAddress address;
    private final ApiResponse response;
    private final boolean head;

    Answer(ApiRequest request, WebsiteAddress address, ApiResponse response) {
      this.request = request;
      this.address = address;
      this.response = response;
      this.head = request.method().equals("HEAD");
    }

    void object(GetObjectResult result, int status) throws IOException {
      ObjectVersion version = result.version();
      try (InputStream in = result.body()) {
        String location = version.headers().get(REDIRECT_HEADER);
        if (location != null && status == 200) {
          redirect(
              301, location.startsWith("/") ? address.root() + location.substring(1) : location);
          return;
        }
        response.status(status);
        response.header("Content-Type", version.contentType());
        version
            .headers()
            .forEach((name, value) -> {
              if (!name.equals("Content-Type") && !name.equals(REDIRECT_HEADER)) {
                response.header(name, value);
              }
            });
        if (version.etag() != null) {
          response.header("ETag", version.etag());
        }
        response.header("Last-Modified", HTTP_DATE.format(version.created()));
        response.header("Content-Length", Long.toString(result.length()));
        try (OutputStream out = response.body()) {
          if (!head) {
            in.transferTo(out);
          }
        }
      }
    }

    void redirect(WebsiteRouting.Redirect redirect) throws IOException {
      String protocol =
          redirect.protocol() != null
              ? redirect.protocol()
              : request.caller().secureTransport() ? "https" : "http";
      String location =
          redirect.hostName() != null
              ? protocol + "://" + redirect.hostName() + "/" + encode(redirect.key())
              : protocol + "://" + request.host() + address.root() + encode(redirect.key());
      redirect(redirect.status(), location);
    }

    void redirect(int status, String location) throws IOException {
      response.status(status);
      response.header("Location", location);
      response.header("Content-Length", "0");
      response.body().close();
    }

    /** S3's HTML error page; with the error document's own failure when that could not be read. */
    void errorPage(AwsException error, @Nullable AwsException documentFailure) throws IOException {
      byte[] page =
          WebsitePages.error(error, documentFailure, request.requestId())
              .getBytes(StandardCharsets.UTF_8);
      response.status(error.httpStatus());
      response.header("Content-Type", "text/html; charset=utf-8");
      error.headers().forEach(response::header);
      response.header("Content-Length", Integer.toString(page.length));
      try (OutputStream out = response.body()) {
        if (!head) {
          out.write(page);
        }
      }
    }
  }
}
