package ferry.cloudformation.resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The resource types Ferry's CloudFormation can provision, by type name. */
public final class ResourceTypes {
  private final Map<String, ResourceHandler> handlers;

  public ResourceTypes(List<ResourceHandler> handlers) {
    this.handlers =
        handlers.stream()
            .collect(Collectors.toUnmodifiableMap(h -> h.schema().typeName(), Function.identity()));
  }

  public Optional<ResourceHandler> find(String typeName) {
    return Optional.ofNullable(handlers.get(typeName));
  }
}
