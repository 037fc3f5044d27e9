package ferry.authz;

/**
 * The outcome of one authorization, as a service needs it: allowed or not, the message that names
 * the missing grant in AWS's wording, and the id under which the decision is logged.
 */
public record Verdict(String id, boolean allowed, String message) {}
