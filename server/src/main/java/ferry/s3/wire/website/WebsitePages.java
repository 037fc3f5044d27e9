package ferry.s3.wire.website;

import ferry.aws.AwsException;
import ferry.protocol.restxml.HostIds;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The HTML pages S3's website endpoint answers errors with, in place of the API's XML. */
final class WebsitePages {
  private static final Map<Integer, String> REASONS =
      Map.of(
          400, "Bad Request",
          403, "Forbidden",
          404, "Not Found",
          405, "Method Not Allowed",
          500, "Internal Server Error",
          501, "Not Implemented",
          503, "Service Unavailable");

  private WebsitePages() {}

  static String error(
      AwsException error, @Nullable AwsException documentFailure, String requestId) {
    String title = error.httpStatus() + " " + REASONS.getOrDefault(error.httpStatus(), "Error");
    var page = new StringBuilder();
    page.append("<html>\n<head><title>")
        .append(title)
        .append("</title></head>\n<body>\n<h1>")
        .append(title)
        .append("</h1>\n<ul>\n");
    items(page, error);
    item(page, "RequestId", requestId);
    item(page, "HostId", HostIds.of(requestId));
    page.append("</ul>\n");
    if (documentFailure != null) {
      page.append(
          "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n");
      items(page, documentFailure);
      page.append("</ul>\n");
    }
    return page.append("<hr/>\n</body>\n</html>\n").toString();
  }

  private static void items(StringBuilder page, AwsException error) {
    item(page, "Code", error.code());
    item(page, "Message", error.getMessage());
    error.fields().forEach((name, value) -> item(page, name, value));
  }

  private static void item(StringBuilder page, String name, String value) {
    page.append("<li>").append(name).append(": ").append(escape(value)).append("</li>\n");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
