package ferry.sts;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * AssumeRole's parameters.
 *
 * @param durationSeconds the session's lifetime, 900 up to the role's MaxSessionDuration; 3600 when
 *     null
 * @param policy an inline session policy (JSON), which narrows the role's permissions
 * @param policyArns managed policies used as session policies
 * @param tags session tags, principal tags of the session
 * @param externalId the external ID, which the trust policy may require as {@code sts:ExternalId}
 * @param sourceIdentity who is behind the session ({@code sts:SourceIdentity} in the trust policy,
 *     {@code aws:SourceIdentity} in every request of the session); needs {@code
 *     sts:SetSourceIdentity}
 * @see <a
 *     href="https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html">AssumeRole</a>
 */
public record AssumeRoleRequest(
    String roleArn,
    String roleSessionName,
    @Nullable Integer durationSeconds,
    @Nullable String policy,
    List<String> policyArns,
    Map<String, String> tags,
    @Nullable String externalId,
    @Nullable String sourceIdentity) {

  public AssumeRoleRequest {
    policyArns = List.copyOf(policyArns);
    tags = Map.copyOf(tags);
  }

  /** A request without a source identity. */
  public AssumeRoleRequest(
      String roleArn,
      String roleSessionName,
      @Nullable Integer durationSeconds,
      @Nullable String policy,
      List<String> policyArns,
      Map<String, String> tags,
      @Nullable String externalId) {
    this(roleArn, roleSessionName, durationSeconds, policy, policyArns, tags, externalId, null);
  }

  /** A request without an external ID. */
  public AssumeRoleRequest(
      String roleArn,
      String roleSessionName,
      @Nullable Integer durationSeconds,
      @Nullable String policy,
      List<String> policyArns,
      Map<String, String> tags) {
    this(roleArn, roleSessionName, durationSeconds, policy, policyArns, tags, null);
  }

  /** A plain request: the default duration, no session policies, no tags. */
  public static AssumeRoleRequest of(String roleArn, String sessionName) {
    return new AssumeRoleRequest(roleArn, sessionName, null, null, List.of(), Map.of());
  }
}
