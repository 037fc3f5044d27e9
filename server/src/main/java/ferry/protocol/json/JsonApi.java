package ferry.protocol.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.ErrorCode;
import ferry.aws.WireProtocol;
import ferry.protocol.ApiRequest;
import ferry.protocol.ApiResponse;
import ferry.protocol.ServiceApi;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * JSON 1.1 (KMS, CodePipeline, EventBridge): {@code X-Amz-Target: Prefix.Operation} picks the
 * operation, the body is its input, the answer its output.
 */
public abstract class JsonApi implements ServiceApi {
  private static final int MAX_BODY_BYTES = 8 << 20;

  private final String signingName;
  private final String targetPrefix;

  protected JsonApi(String signingName, String targetPrefix) {
    this.signingName = signingName;
    this.targetPrefix = targetPrefix;
  }

  /** The operation table: operation name to handler. */
  protected abstract Map<String, JsonOperation> operations();

  /** The {@code X-Amz-Target} prefix before the operation, such as {@code TrentService}. */
  public final String targetPrefix() {
    return targetPrefix;
  }

  @Override
  public final String signingName() {
    return signingName;
  }

  @Override
  public final Set<String> implementedOperations() {
    return new TreeSet<>(operations().keySet());
  }

  @Override
  public final WireProtocol protocol() {
    return WireProtocol.JSON;
  }

  @Override
  public void serve(ApiRequest request, ApiResponse response) throws IOException {
    String target = request.header("x-amz-target");
    JsonOperation operation = null;
    if (target != null && target.startsWith(targetPrefix + ".")) {
      operation = operations().get(target.substring(targetPrefix.length() + 1));
    }
    if (operation == null) {
      throw new AwsException(
          ErrorCode.sender("UnknownOperationException", 400), unknownOperation(target));
    }
    ObjectNode output = operation.handle(new JsonInput(parse(request)), request);
    response.send(200, Json.CONTENT_TYPE, Json.bytes(output));
  }

  private String unknownOperation(@Nullable String target) {
    if (target == null) {
      return "Missing X-Amz-Target header";
    }
    if (!target.startsWith(targetPrefix + ".")) {
      return "Unknown operation "
          + target
          + ": this service's operations are named "
          + targetPrefix
          + ".<Operation>";
    }
    return "Ferry does not implement "
        + target.substring(targetPrefix.length() + 1)
        + " ("
        + target
        + "); docs/coverage.md lists the operations Ferry implements";
  }

  private static ObjectNode parse(ApiRequest request) throws IOException {
    byte[] body = request.bodyBytes(MAX_BODY_BYTES);
    if (body.length == 0) {
      return Json.object();
    }
    try {
      JsonNode node = Json.parse(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JacksonException e) {
      throw new AwsException(
          ErrorCode.sender("SerializationException", 400),
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    throw new AwsException(
        ErrorCode.sender("SerializationException", 400), "The request body must be a JSON object");
  }
}
