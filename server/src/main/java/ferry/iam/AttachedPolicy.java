package ferry.iam;

/** A managed policy as attached to a user or role: its name and ARN. */
public record AttachedPolicy(String policyName, String policyArn) {}
