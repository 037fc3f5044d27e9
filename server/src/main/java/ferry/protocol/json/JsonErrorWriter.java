package ferry.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.protocol.ApiResponse;
import ferry.protocol.ErrorWriter;
import java.io.IOException;

/**
 * JSON 1.1 errors: {@code __type} and {@code message} in the body and the same type in {@code
 * x-amzn-ErrorType}, since botocore reads the body and the Java SDK the header.
 */
public final class JsonErrorWriter implements ErrorWriter {

  @Override
  public void write(AwsException error, String requestId, boolean head, ApiResponse response)
      throws IOException {
    ObjectNode body = Json.object().put("__type", error.code()).put("message", error.getMessage());
    error.fields().forEach(body::put);
    response.header("x-amzn-ErrorType", error.code());
    ErrorWriter.send(error, head, Json.CONTENT_TYPE, Json.bytes(body), response);
  }
}
