package ferry.kms;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** CreateGrant's input. */
public record CreateGrantRequest(
    String keyId,
    String granteePrincipal,
    @Nullable String retiringPrincipal,
    List<String> operations,
    @Nullable Map<String, String> encryptionContextSubset,
    @Nullable Map<String, String> encryptionContextEquals,
    @Nullable String name) {
  public CreateGrantRequest {
    operations = List.copyOf(operations);
  }
}
