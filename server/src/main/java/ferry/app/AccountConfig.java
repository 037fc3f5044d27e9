package ferry.app;

import ferry.aws.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * An account named in the configuration; root credentials are generated on first start unless the
 * configuration fixes them.
 */
public record AccountConfig(
    String name, AccountId id, @Nullable String accessKeyId, @Nullable String secretAccessKey) {}
