package ferry.s3.wire;

import ferry.protocol.ApiResponse;
import ferry.protocol.XmlDocument;
import ferry.protocol.restxml.S3Route.S3Call;
import ferry.s3.ReplicationConfiguration;
import ferry.s3.S3Errors;
import ferry.s3.S3Service;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's replication configuration on the wire: PutBucketReplication, GetBucketReplication,
 * DeleteBucketReplication. Stored and answered; Ferry does not replicate objects.
 */
final class ReplicationApi {
  private static final Set<String> STATUSES = Set.of("Enabled", "Disabled");

  private final S3Service s3;

  ReplicationApi(S3Service s3) {
    this.s3 = s3;
  }

  void putBucketReplication(S3Call call, ApiResponse response) throws IOException {
    String body = ControlBody.read(call.request(), true).trim();
    XmlDocument document = XmlDocument.parse(body, "ReplicationConfiguration");
    String role = document.text("Role");
    if (role == null) {
      throw S3Errors.malformedXml();
    }
    List<ReplicationConfiguration.Rule> rules = new ArrayList<>();
    for (XmlDocument rule : document.children("Rule")) {
      rules.add(rule(rule));
    }
    s3.replication()
        .putBucketReplication(
            call.request().caller(),
            call.bucketName(),
            new ReplicationConfiguration(role, rules, body));
    response.sendEmpty(200);
  }

  void getBucketReplication(S3Call call, ApiResponse response) throws IOException {
    ReplicationConfiguration configuration =
        s3.replication().getBucketReplication(call.request().caller(), call.bucketName());
    response.send(
        200, "application/xml", configuration.document().getBytes(StandardCharsets.UTF_8));
  }

  void deleteBucketReplication(S3Call call, ApiResponse response) throws IOException {
    s3.replication().deleteBucketReplication(call.request().caller(), call.bucketName());
    response.sendEmpty(204);
  }

  private static ReplicationConfiguration.Rule rule(XmlDocument rule) {
    XmlDocument destination = rule.child("Destination");
    String bucket = destination == null ? null : destination.text("Bucket");
    if (!STATUSES.contains(rule.text("Status")) || bucket == null) {
      throw S3Errors.malformedXml();
    }
    XmlDocument filter = rule.child("Filter");
    if (filter != null && rule.child("Prefix") != null) {
      throw S3Errors.malformedXml();
    }
    boolean tagFilter = false;
    if (filter != null) {
      XmlDocument and = filter.child("And");
      int conditions =
          (filter.child("Prefix") != null ? 1 : 0)
              + (filter.child("Tag") != null ? 1 : 0)
              + (and != null ? 1 : 0);
      if (conditions > 1) {
        throw S3Errors.malformedXml();
      }
      tagFilter = filter.child("Tag") != null || (and != null && and.child("Tag") != null);
    }
    String deleteMarkers = status(rule.child("DeleteMarkerReplication"));
    status(rule.child("ExistingObjectReplication"));
    String id = rule.text("ID");
    return new ReplicationConfiguration.Rule(
        id == null ? "" : id,
        priority(rule.text("Priority")),
        filter != null,
        tagFilter,
        deleteMarkers,
        bucket);
  }

  private static @Nullable String status(@Nullable XmlDocument element) {
    if (element == null) {
      return null;
    }
    String status = element.text("Status");
    if (!STATUSES.contains(status)) {
      throw S3Errors.malformedXml();
    }
    return status;
  }

  private static @Nullable Integer priority(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      throw S3Errors.malformedXml();
    }
  }
}
