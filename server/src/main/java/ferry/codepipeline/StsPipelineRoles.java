package ferry.codepipeline;

import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.sts.AssumeRoleRequest;
import ferry.sts.StsService;

/** Role sessions from STS, with the trust checks AWS makes for CodePipeline. */
public final class StsPipelineRoles implements PipelineRoles {
  public static final String SERVICE_PRINCIPAL = "codepipeline.amazonaws.com";

  private final StsService sts;

  public StsPipelineRoles(StsService sts) {
    this.sts = sts;
  }

  @Override
  public Caller serviceRoleSession(String roleArn, String sessionName, Region region) {
    return sts.assumeRoleAsService(SERVICE_PRINCIPAL, roleArn, sessionName, region);
  }

  @Override
  public Caller actionRoleSession(Caller serviceRoleSession, String roleArn, String sessionName) {
    return sts.assumeRole(serviceRoleSession, AssumeRoleRequest.of(roleArn, sessionName)).caller();
  }
}
