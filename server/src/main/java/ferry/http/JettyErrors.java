package ferry.http;

import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.protocol.restxml.HostIds;
import ferry.protocol.restxml.RestXmlErrorWriter;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The errors Jetty answers itself, before a request reaches Ferry (a URI it cannot parse, a header
 * section larger than it reads): as S3's XML error document, which AWS clients read and show,
 * instead of Jetty's HTML page, whatever the method.
 */
public final class JettyErrors extends ErrorHandler {

  /**
   * Every method gets the document: Jetty's own choice, GET, POST and HEAD only, left a PUT or a
   * DELETE it could not parse (a Content-Length that is no number) with an empty 400.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int status,
      @Nullable String message,
      @Nullable Throwable cause,
      Callback callback) {
    AwsException error = error(status, message);
    String requestId = RequestIds.s3();
    response.setStatus(error.httpStatus());
    response.getHeaders().put("x-amz-request-id", requestId);
    response.getHeaders().put("x-amz-id-2", HostIds.of(requestId));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
    boolean head = "HEAD".equals(request.getMethod());
    // Jetty may call this on a thread that must not block: one write, completed by Jetty.
    response.write(
        true,
        head ? null : ByteBuffer.wrap(RestXmlErrorWriter.document(error, requestId)),
        callback);
  }

  static AwsException error(int status, @Nullable String message) {
    if (status == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
      return new AwsException(
          ErrorCode.sender("RequestHeaderSectionTooLarge", 400),
          "Your request header section exceeds the maximum allowed size.");
    }
    if (status == HttpStatus.BAD_REQUEST_400) {
      // Jetty keeps neither the URI it could not parse nor why: say what it checks.
      return new AwsException(
          ErrorCode.sender("InvalidRequest", 400),
          "The request could not be parsed: its URI or a header is malformed (for example, a %"
              + " in the path that does not start an escape such as %2F).");
    }
    return new AwsException(
        status >= 500
            ? ErrorCode.receiver("InternalError", status)
            : ErrorCode.sender("InvalidRequest", status),
        message == null ? HttpStatus.getMessage(status) : message);
  }
}
