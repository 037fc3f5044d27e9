package ferry.protocol.query;

import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import org.jspecify.annotations.Nullable;

/**
 * One query-protocol operation: reads its parameters and returns the content of its {@code
 * <ActionResult>} element, or null for operations that return nothing.
 */
@FunctionalInterface
public interface QueryOperation {
  @Nullable Xml handle(QueryParameters parameters, ApiRequest request);
}
