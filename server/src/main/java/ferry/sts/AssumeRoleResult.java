package ferry.sts;

import ferry.aws.Caller;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
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
    Caller caller) {

  /** How CloudTrail writes a session's expiration in STS's responseElements. */
  private static final DateTimeFormatter TRAIL_EXPIRATION =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

  /**
   * The answer as CloudTrail's responseElements show it: credentials without the secret key or the
   * session token (AWS's own records carry the token; Ferry leaves it out so no record can be
   * replayed as a credential), the assumed role user, and the packed policy size when the request
   * had session policies or tags.
   */
  public Map<String, Object> trailElements(boolean withPackedPolicySize) {
    Map<String, Object> elements = new LinkedHashMap<>();
    elements.put("credentials", trailCredentials(credentials));
    elements.put(
        "assumedRoleUser",
        Map.of("assumedRoleId", assumedRoleUser.assumedRoleId(), "arn", assumedRoleUser.arn()));
    if (withPackedPolicySize) {
      elements.put("packedPolicySize", packedPolicySize);
    }
    if (sourceIdentity != null) {
      elements.put("sourceIdentity", sourceIdentity);
    }
    return elements;
  }

  /** Credentials as the trail shows them: the access key id and expiration only. */
  public static Map<String, Object> trailCredentials(Credentials credentials) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("accessKeyId", credentials.accessKeyId());
    shown.put("expiration", TRAIL_EXPIRATION.format(credentials.expiration()));
    return shown;
  }
}
