package ferry.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.protocol.ApiRequest;

/** One JSON 1.1 operation: its input document in, its output document out. */
@FunctionalInterface
public interface JsonOperation {
  ObjectNode handle(JsonInput input, ApiRequest request);
}
