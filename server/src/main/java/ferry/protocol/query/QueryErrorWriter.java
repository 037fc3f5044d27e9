package ferry.protocol.query;

import ferry.aws.AwsException;
import ferry.protocol.ApiResponse;
import ferry.protocol.ErrorWriter;
import ferry.protocol.Xml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The query protocol's {@code <ErrorResponse>}: Type, Code, Message, then RequestId. */
public final class QueryErrorWriter implements ErrorWriter {
  private final String namespace;

  public QueryErrorWriter(String namespace) {
    this.namespace = namespace;
  }

  @Override
  public void write(AwsException error, String requestId, boolean head, ApiResponse response)
      throws IOException {
    Xml xml =
        Xml.fragment()
            .open("ErrorResponse", "xmlns", namespace)
            .open("Error")
            .element("Type", error.errorCode().fault().wireName())
            .element("Code", error.code())
            .element("Message", error.getMessage());
    error.fields().forEach(xml::element);
    xml.close("Error").element("RequestId", requestId).close("ErrorResponse");
    ErrorWriter.send(
        error, head, "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8), response);
  }
}
