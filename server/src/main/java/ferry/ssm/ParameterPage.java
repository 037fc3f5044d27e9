package ferry.ssm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of parameters (or of a parameter's versions) and the token of the next, if any. */
public record ParameterPage(List<Parameter> parameters, @Nullable String nextToken) {
  public ParameterPage {
    parameters = List.copyOf(parameters);
  }
}
