package ferry.codepipeline;

import ferry.codepipeline.ActionTypeDefinition.ConfigurationProperty;
import java.util.List;
import java.util.Optional;

/**
 * The action types Ferry runs, with the configuration keys and artifact counts of AWS's action
 * reference.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference.html">Action
 *     structure reference</a>
 */
public final class ActionTypes {
  private ActionTypes() {}

  public static final List<ActionTypeDefinition> ALL =
      List.of(
          new ActionTypeDefinition(
              ActionTypeId.S3_SOURCE,
              List.of(
                  property("S3Bucket", true, "The name of the Amazon S3 bucket to watch."),
                  property("S3ObjectKey", true, "The key of the object to watch."),
                  property(
                      "PollForSourceChanges",
                      false,
                      "Whether CodePipeline polls the object for new versions."),
                  property(
                      "AllowOverrideForS3ObjectKey",
                      false,
                      "Whether StartPipelineExecution may override the object key.")),
              0,
              0,
              1,
              1),
          new ActionTypeDefinition(
              ActionTypeId.S3_DEPLOY,
              List.of(
                  property("BucketName", true, "The bucket the files are deployed to."),
                  property("Extract", true, "Whether the input artifact is unzipped first."),
                  property("ObjectKey", false, "The key, or the key prefix when extracting."),
                  property("KMSEncryptionKeyARN", false, "The KMS key for the uploaded objects."),
                  property("CannedACL", false, "The canned ACL of the uploaded objects."),
                  property("CacheControl", false, "The Cache-Control of the uploaded objects.")),
              1,
              1,
              0,
              0),
          new ActionTypeDefinition(
              ActionTypeId.MANUAL_APPROVAL,
              List.of(
                  property("NotificationArn", false, "An SNS topic to notify."),
                  property("CustomData", false, "Text shown to the approver."),
                  property("ExternalEntityLink", false, "A link shown to the approver.")),
              0,
              0,
              0,
              0));

  public static Optional<ActionTypeDefinition> find(ActionTypeId id) {
    return ALL.stream().filter(type -> type.id().equals(id)).findFirst();
  }

  private static ConfigurationProperty property(String name, boolean required, String what) {
    return new ConfigurationProperty(name, required, required, false, what);
  }
}
