package ferry.ssm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * PutParameter's input. {@code type} may be absent only when overwriting; {@link #toString()} never
 * shows the value.
 */
public record PutParameterRequest(
    String name,
    String value,
    @Nullable ParameterType type,
    @Nullable String keyId,
    boolean overwrite,
    @Nullable String description,
    @Nullable String allowedPattern,
    List<Tag> tags,
    @Nullable String tier,
    @Nullable String policies,
    @Nullable String dataType) {
  public PutParameterRequest {
    tags = List.copyOf(tags);
  }

  /** A new String, StringList or SecureString parameter with nothing else set. */
  public static PutParameterRequest of(String name, String value, ParameterType type) {
    return new PutParameterRequest(
        name, value, type, null, false, null, null, List.of(), null, null, null);
  }

  @Override
  public String toString() {
    return "PutParameterRequest[" + name + ", overwrite " + overwrite + "]";
  }
}
