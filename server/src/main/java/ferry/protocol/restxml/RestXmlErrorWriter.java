package ferry.protocol.restxml;

import ferry.aws.AwsException;
import ferry.protocol.ApiResponse;
import ferry.protocol.ErrorWriter;
import ferry.protocol.Xml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * S3's {@code <Error>} document: Code, Message, the error's own elements, RequestId, HostId.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">S3 errors</a>
 */
public final class RestXmlErrorWriter implements ErrorWriter {

  @Override
  public void write(AwsException error, String requestId, boolean head, ApiResponse response)
      throws IOException {
    ErrorWriter.send(error, head, "application/xml", document(error, requestId), response);
  }

  /** The {@code <Error>} document's bytes. */
  public static byte[] document(AwsException error, String requestId) {
    Xml xml =
        Xml.document()
            .open("Error")
            .element("Code", error.code())
            .element("Message", error.getMessage());
    error.fields().forEach(xml::element);
    xml.element("RequestId", requestId).element("HostId", HostIds.of(requestId)).close("Error");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }
}
