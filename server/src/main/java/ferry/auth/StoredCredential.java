package ferry.auth;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What Ferry keeps for an access key: its secret, for a session its token and expiry, and who it
 * belongs to with the session's policies and tags.
 */
public record StoredCredential(
    String accessKeyId,
    String secretAccessKey,
    @Nullable String sessionToken,
    @Nullable Instant expiration,
    boolean active,
    Principal principal,
    List<String> sessionPolicies,
    Map<String, String> sessionTags,
    @Nullable String sourceIdentity,
    @Nullable Instant sessionCreated) {

  public StoredCredential {
    sessionPolicies = List.copyOf(sessionPolicies);
    sessionTags = Map.copyOf(sessionTags);
  }

  /** A long-term key: no token, no expiry, no session policies. */
  public static StoredCredential longTerm(
      String accessKeyId, String secretAccessKey, boolean active, Principal principal) {
    return new StoredCredential(
        accessKeyId,
        secretAccessKey,
        null,
        null,
        active,
        principal,
        List.of(),
        Map.of(),
        null,
        null);
  }

  /** The caller of a request this credential signed, from where, how and when it came. */
  public Caller caller(
      String sourceIp, boolean secureTransport, Instant requestTime, Region region) {
    return new Caller(
        principal,
        accessKeyId,
        sessionPolicies,
        sessionTags,
        sourceIp,
        secureTransport,
        requestTime,
        region,
        null,
        sourceIdentity,
        sessionCreated);
  }
}
