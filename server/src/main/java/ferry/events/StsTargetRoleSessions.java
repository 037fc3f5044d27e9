package ferry.events;

import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.sts.StsService;
import java.time.Clock;

/** Target role sessions from STS: the role must trust {@code events.amazonaws.com}. */
public final class StsTargetRoleSessions implements TargetRoleSessions {
  public static final String SERVICE_PRINCIPAL = "events.amazonaws.com";

  private final StsService sts;
  private final Clock clock;

  public StsTargetRoleSessions(StsService sts, Clock clock) {
    this.sts = sts;
    this.clock = clock;
  }

  @Override
  public Caller assume(String roleArn, Region region) {
    return sts.assumeRoleAsService(
        SERVICE_PRINCIPAL, roleArn, Long.toString(clock.millis()), region);
  }
}
