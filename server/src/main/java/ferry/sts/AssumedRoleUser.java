package ferry.sts;

/**
 * The session principal AssumeRole created: {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 * and {@code AROA…:SESSION}.
 */
public record AssumedRoleUser(String arn, String assumedRoleId) {}
