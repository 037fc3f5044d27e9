package ferry.sts;

import ferry.aws.Caller;
import org.jspecify.annotations.Nullable;

/**
 * AssumeRole's answer, and a ready-to-use {@link Caller} for the new session (its principal, access
 * key, session policies and tags), for Ferry's own code that acts as the role.
 *
 * @param packedPolicySize the percentage of the allowed size that session policies and tags use
 * @param sourceIdentity the session's source identity, asked for or carried on from the caller's
 *     session, if any
 */
public record AssumeRoleResult(
    Credentials credentials,
    AssumedRoleUser assumedRoleUser,
    int packedPolicySize,
    @Nullable String sourceIdentity,
    Caller caller) {}
