package ferry.cloudformation.resource;

import ferry.codepipeline.CodePipelineService;
import ferry.events.EventsService;
import ferry.iam.IamService;
import ferry.kms.KmsService;
import ferry.s3.S3Service;
import java.util.List;

/** The resource types a stack may declare, each handled through the service that owns it. */
public final class StandardResourceTypes {
  private StandardResourceTypes() {}

  public static ResourceTypes create(
      S3Service s3,
      IamService iam,
      KmsService kms,
      EventsService events,
      CodePipelineService codePipeline) {
    return new ResourceTypes(
        List.of(
            new S3BucketHandler(s3),
            new S3BucketPolicyHandler(s3),
            new EventsRuleHandler(events),
            new KmsKeyHandler(kms),
            new KmsAliasHandler(kms)));
  }
}
