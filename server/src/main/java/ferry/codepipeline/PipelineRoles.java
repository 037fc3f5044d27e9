package ferry.codepipeline;

import ferry.aws.Caller;
import ferry.aws.Region;

/**
 * The role sessions CodePipeline works as, obtained through STS as AWS obtains them: the service
 * role assumed by {@code codepipeline.amazonaws.com} (its trust policy decides), and an action's
 * role assumed by the service-role session (the service role's identity policy and the action
 * role's trust policy decide).
 */
public interface PipelineRoles {
  /**
   * @throws ferry.aws.AwsException STS's AccessDenied when the role does not trust CodePipeline
   */
  Caller serviceRoleSession(String roleArn, String sessionName, Region region);

  /**
   * @throws ferry.aws.AwsException STS's AccessDenied when the service role may not assume it
   */
  Caller actionRoleSession(Caller serviceRoleSession, String roleArn, String sessionName);
}
