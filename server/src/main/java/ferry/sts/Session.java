package ferry.sts;

import ferry.aws.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A temporary credential as STS keeps it: the key, secret and token, whose session it is, the
 * session's policies and tags, and when it expires.
 *
 * @param chained whether a role session made it (role chaining: at most one hour)
 * @param sourceIdentity the source identity set by AssumeRole, carried on by role chaining
 */
public record Session(
    Credentials credentials,
    Principal principal,
    List<String> sessionPolicies,
    Map<String, String> sessionTags,
    boolean chained,
    @Nullable String sourceIdentity,
    Instant created) {

  public Session {
    sessionPolicies = List.copyOf(sessionPolicies);
    sessionTags = Map.copyOf(sessionTags);
  }
}
