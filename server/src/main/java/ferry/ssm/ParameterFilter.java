package ferry.ssm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@code ParameterStringFilter} (or a {@code ParametersFilter}, whose option is Equals). */
public record ParameterFilter(String key, @Nullable String option, List<String> values) {
  public ParameterFilter {
    values = List.copyOf(values);
  }
}
