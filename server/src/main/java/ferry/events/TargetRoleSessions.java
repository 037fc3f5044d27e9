package ferry.events;

import ferry.aws.Caller;
import ferry.aws.Region;

/**
 * Assumes a target's role as the service principal {@code events.amazonaws.com}, through STS and
 * the role's trust policy.
 */
@FunctionalInterface
public interface TargetRoleSessions {
  /**
   * @throws ferry.aws.AwsException when the role does not exist or does not trust EventBridge
   */
  Caller assume(String roleArn, Region region);
}
