package ferry.app;

import ferry.aws.AccountId;

/** An account's root credentials, as the start-up banner and {@code ferry accounts} print them. */
public record RootCredentials(
    String accountName, AccountId account, String accessKeyId, String secretAccessKey) {}
