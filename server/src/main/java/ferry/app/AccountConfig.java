package ferry.app;

import ferry.aws.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * An account named in the configuration; root credentials are generated on first start unless the
 * configuration fixes them.
 */
public record AccountConfig(
    String name, AccountId id, @Nullable String accessKeyId, @Nullable String secretAccessKey) {

  /** Printed settings never show the secret key: it is a root credential. */
  @Override
  public String toString() {
    return "AccountConfig[name=%s, id=%s, accessKeyId=%s, secretAccessKey=%s]"
        .formatted(name, id, accessKeyId, secretAccessKey == null ? null : "(hidden)");
  }
}
