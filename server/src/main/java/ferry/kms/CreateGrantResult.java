package ferry.kms;

/** CreateGrant's output. */
public record CreateGrantResult(String grantId, String grantToken) {}
