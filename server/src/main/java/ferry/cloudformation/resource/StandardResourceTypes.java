package ferry.cloudformation.resource;

import ferry.codepipeline.CodePipelineService;
import ferry.codepipeline.PipelineTagService;
import ferry.codepipeline.StageTransitionService;
import ferry.events.EventsService;
import ferry.iam.IamService;
import ferry.kms.KmsService;
import ferry.s3.S3Service;
import ferry.ssm.SsmService;
import java.util.List;

/** Every resource type Ferry's CloudFormation provisions, each through the service owning it. */
public final class StandardResourceTypes {
  private StandardResourceTypes() {}

  public static ResourceTypes create(
      S3Service s3,
      IamService iam,
      KmsService kms,
      EventsService events,
      CodePipelineService codepipeline,
      PipelineTagService pipelineTags,
      StageTransitionService stageTransitions,
      SsmService ssm) {
    return new ResourceTypes(
        List.of(
            new S3BucketHandler(s3),
            new S3BucketPolicyHandler(s3),
            new EventsRuleHandler(events),
            new KmsKeyHandler(kms),
            new KmsAliasHandler(kms),
            new IamRoleHandler(iam),
            new IamPolicyHandler(iam),
            new IamManagedPolicyHandler(iam),
            new IamUserHandler(iam),
            new IamAccessKeyHandler(iam),
            new CodePipelineHandler(codepipeline, pipelineTags, stageTransitions),
            new SsmParameterHandler(ssm)));
  }
}
