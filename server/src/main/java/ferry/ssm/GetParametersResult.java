package ferry.ssm;

import java.util.List;

/** GetParameters' output: the parameters found, and the names that name none. */
public record GetParametersResult(List<Parameter> parameters, List<String> invalidParameters) {
  public GetParametersResult {
    parameters = List.copyOf(parameters);
    invalidParameters = List.copyOf(invalidParameters);
  }
}
