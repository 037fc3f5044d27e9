package ferry.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.events.Event;
import ferry.events.EventsService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * What S3 tells EventBridge when an object is created, on the bucket owner's default bus in the
 * bucket's region: the CloudTrail data event ("AWS API Call via CloudTrail", as if a data-event
 * trail existed, which the console's CodePipeline rule matches) and, for a bucket with EventBridge
 * notifications on, the "Object Created" event.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html">EventBridge
 *     event message structure</a>
 */
final class ObjectCreatedEvents {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventsService events;

  ObjectCreatedEvents(EventsService events) {
    this.events = events;
  }

  /**
   * @param reason PutObject, CopyObject or CompleteMultipartUpload
   */
  void created(Caller caller, Bucket bucket, ObjectVersion version, String reason, Instant now) {
    if (!events.hasListeners(bucket.owner(), bucket.region())) {
      return;
    }
    String versionId =
        ObjectVersion.NULL_VERSION.equals(version.versionId()) ? null : version.versionId();
    String etag = version.etag() == null ? "" : version.etag().replace("\"", "");
    List<String> resources = List.of(bucket.arn());
    ObjectNode trail = MAPPER.createObjectNode();
    trail.put("eventVersion", "1.08");
    ObjectNode identity = trail.putObject("userIdentity");
    identity.put("principalId", caller.principal().userId()).put("arn", caller.arn());
    AccountId account = S3Access.accountOf(caller);
    if (account != null) {
      identity.put("accountId", account.value());
    }
    trail.put("eventTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
    trail.put("eventSource", "s3.amazonaws.com");
    trail.put("eventName", reason);
    trail.put("awsRegion", bucket.region().name());
    trail.put("sourceIPAddress", caller.sourceIp());
    trail.putObject("requestParameters").put("bucketName", bucket.name()).put("key", version.key());
    ObjectNode response = trail.putObject("responseElements");
    if (versionId != null) {
      response.put("x-amz-version-id", versionId);
    }
    // As CloudTrail records a data event: the object, then its bucket with the owner's account;
    // patterns such as the CDK's S3 source trigger match on detail.resources.ARN.
    var touched = trail.putArray("resources");
    touched
        .addObject()
        .put("type", "AWS::S3::Object")
        .put("ARN", bucket.arn() + "/" + version.key());
    touched
        .addObject()
        .put("accountId", bucket.owner().value())
        .put("type", "AWS::S3::Bucket")
        .put("ARN", bucket.arn());
    trail.put("eventType", "AwsApiCall");
    trail.put("readOnly", false);
    trail.put("recipientAccountId", bucket.owner().value());
    events.publish(
        new Event(
            UUID.randomUUID().toString(),
            "aws.s3",
            "AWS API Call via CloudTrail",
            bucket.owner(),
            bucket.region(),
            now,
            resources,
            trail.toString()));
    if (!bucket.eventBridgeEnabled()) {
      return;
    }
    ObjectNode detail = MAPPER.createObjectNode();
    detail.put("version", "0");
    detail.putObject("bucket").put("name", bucket.name());
    ObjectNode object =
        detail
            .putObject("object")
            .put("key", version.key())
            .put("size", version.size())
            .put("etag", etag);
    if (versionId != null) {
      object.put("version-id", versionId);
    }
    object.put("sequencer", String.format("%016X", version.seq()));
    detail.put("request-id", UUID.randomUUID().toString());
    detail.put(
        "requester",
        account != null ? account.value() : caller.isAnonymous() ? "anonymous" : caller.arn());
    detail.put("source-ip-address", caller.sourceIp());
    detail.put("reason", reason);
    events.publish(
        new Event(
            UUID.randomUUID().toString(),
            "aws.s3",
            "Object Created",
            bucket.owner(),
            bucket.region(),
            now,
            resources,
            detail.toString()));
  }
}
