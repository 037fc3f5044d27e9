package ferry.s3;

import ferry.aws.Caller;
import java.util.HashSet;
import java.util.Set;

/**
 * A bucket's replication configuration: PutBucketReplication, GetBucketReplication,
 * DeleteBucketReplication, checked as S3 checks it (versioning on the source, each destination
 * bucket existing with versioning on). Ferry stores and answers the configuration; it does not
 * replicate objects.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html">
 *     Replication</a>
 */
public final class BucketReplication extends S3Family {
  static final BucketSetting<ReplicationConfiguration> REPLICATION =
      new BucketSetting<>("replication", ReplicationConfiguration.class);
  private static final int MAX_ID_LENGTH = 255;
  private static final String BUCKET_ARN = "arn:aws:s3:::";

  BucketReplication(S3Family.Parts parts) {
    super(parts);
  }

  public void putBucketReplication(
      Caller caller, String name, ReplicationConfiguration configuration) {
    Bucket bucket = authorizedBucket(caller, name, "s3:PutReplicationConfiguration");
    check(configuration);
    if (!bucket.isVersioningEnabled()) {
      throw S3Errors.invalidRequest(
          "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
    }
    for (ReplicationConfiguration.Rule rule : configuration.rules()) {
      String destination = rule.destinationBucket().substring(BUCKET_ARN.length());
      Bucket target =
          buckets
              .find(destination)
              .orElseThrow(() -> S3Errors.invalidRequest("Destination bucket must exist."));
      if (!target.isVersioningEnabled()) {
        throw S3Errors.invalidRequest("Destination bucket must have versioning enabled.");
      }
    }
    buckets.putSetting(name, REPLICATION, configuration);
  }

  public ReplicationConfiguration getBucketReplication(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:GetReplicationConfiguration");
    return buckets
        .findSetting(name, REPLICATION)
        .orElseThrow(() -> S3Errors.replicationConfigurationNotFound(name));
  }

  /** DeleteBucketReplication needs s3:PutReplicationConfiguration, as in AWS. */
  public void deleteBucketReplication(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutReplicationConfiguration");
    buckets.deleteSetting(name, REPLICATION);
  }

  private static void check(ReplicationConfiguration configuration) {
    if (configuration.role().isEmpty()
        || configuration.rules().isEmpty()
        || configuration.rules().size() > ReplicationConfiguration.MAX_RULES) {
      throw S3Errors.malformedXml();
    }
    Set<String> ids = new HashSet<>();
    Set<Integer> priorities = new HashSet<>();
    for (ReplicationConfiguration.Rule rule : configuration.rules()) {
      if (rule.id().length() > MAX_ID_LENGTH) {
        throw S3Errors.invalidArgument(
            "ID length should not exceed allowed limit of " + MAX_ID_LENGTH, "ID", rule.id());
      }
      if (!rule.id().isEmpty() && !ids.add(rule.id())) {
        throw S3Errors.invalidArgument("Rule Id must be unique", "ID", rule.id());
      }
      String destination = rule.destinationBucket();
      if (!destination.startsWith(BUCKET_ARN)
          || destination.length() == BUCKET_ARN.length()
          || destination.substring(BUCKET_ARN.length()).contains("/")) {
        throw S3Errors.invalidArgument("Invalid bucket ARN", "Bucket", destination);
      }
      if (!rule.filtered()) {
        continue;
      }
      if (rule.deleteMarkerReplication() == null) {
        throw S3Errors.invalidRequest(
            "DeleteMarkerReplication must be specified for this version of Cross Region"
                + " Replication configuration schema.");
      }
      if (rule.deleteMarkerReplication().equals("Enabled") && rule.tagFilter()) {
        throw S3Errors.invalidRequest(
            "Delete marker replication is not supported if any Tag filter is specified.");
      }
      if (rule.priority() != null && !priorities.add(rule.priority())) {
        throw S3Errors.invalidRequest(
            "Found overlapping priority " + rule.priority() + " in replication configuration");
      }
    }
  }
}
