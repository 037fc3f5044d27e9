package ferry.sts;

/** GetCallerIdentity's answer: the caller's account, ARN and user id. */
public record CallerIdentity(String account, String arn, String userId) {}
