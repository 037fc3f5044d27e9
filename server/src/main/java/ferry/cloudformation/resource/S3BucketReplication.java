package ferry.cloudformation.resource;

import ferry.s3.ReplicationConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AWS::S3::Bucket's ReplicationConfiguration as the PutBucketReplication document S3 keeps and
 * answers (Ferry stores a replication configuration; it copies no objects), with the facts of each
 * rule that S3 checks.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-s3-bucket-replicationconfiguration.html">ReplicationConfiguration</a>
 */
final class S3BucketReplication {
  private static final String TYPE = S3BucketProperties.TYPE;
  private static final Set<String> STATUSES = Set.of("Enabled", "Disabled");

  private S3BucketReplication() {}

  static @Nullable ReplicationConfiguration of(PropertyValues properties) {
    PropertyValues replication = properties.object("ReplicationConfiguration");
    if (replication == null) {
      return null;
    }
    replication.check(TYPE, Set.of("Role", "Rules"), Set.of(), "");
    String role = replication.requiredString("Role");
    var xml = new StringBuilder();
    xml.append("<ReplicationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    element(xml, "Role", role);
    List<ReplicationConfiguration.Rule> rules = new ArrayList<>();
    for (PropertyValues rule : replication.objects("Rules")) {
      rules.add(rule(rule, xml));
    }
    xml.append("</ReplicationConfiguration>");
    return new ReplicationConfiguration(role, rules, xml.toString());
  }

  private static ReplicationConfiguration.Rule rule(PropertyValues rule, StringBuilder xml) {
    rule.check(
        TYPE,
        Set.of(
            "Id",
            "Priority",
            "Prefix",
            "Filter",
            "Status",
            "DeleteMarkerReplication",
            "Destination",
            "SourceSelectionCriteria"),
        Set.of(),
        "");
    String id = rule.string("Id");
    Integer priority = rule.integer("Priority");
    String status = status(rule, "Status", true);
    xml.append("<Rule>");
    element(xml, "ID", id);
    element(xml, "Priority", priority == null ? null : priority.toString());
    element(xml, "Status", status);
    PropertyValues filter = rule.object("Filter");
    boolean tagFilter = false;
    if (filter == null) {
      // The first schema's rule: a Prefix of its own (empty for every object).
      String prefix = rule.string("Prefix");
      element(xml, "Prefix", prefix == null ? "" : prefix);
    } else {
      filter.check(TYPE, Set.of("Prefix", "TagFilter", "And"), Set.of(), "");
      xml.append("<Filter>");
      element(xml, "Prefix", filter.string("Prefix"));
      PropertyValues tag = filter.object("TagFilter");
      if (tag != null) {
        tagFilter = true;
        tag(xml, tag);
      }
      PropertyValues and = filter.object("And");
      if (and != null) {
        and.check(TYPE, Set.of("Prefix", "TagFilters"), Set.of(), "");
        xml.append("<And>");
        element(xml, "Prefix", and.string("Prefix"));
        for (PropertyValues each : and.objects("TagFilters")) {
          tagFilter = true;
          tag(xml, each);
        }
        xml.append("</And>");
      }
      xml.append("</Filter>");
    }
    String deleteMarkers = null;
    PropertyValues markers = rule.object("DeleteMarkerReplication");
    if (markers != null) {
      markers.check(TYPE, Set.of("Status"), Set.of(), "");
      deleteMarkers = status(markers, "Status", false);
      if (deleteMarkers != null) {
        xml.append("<DeleteMarkerReplication>");
        element(xml, "Status", deleteMarkers);
        xml.append("</DeleteMarkerReplication>");
      }
    }
    sourceSelection(rule.object("SourceSelectionCriteria"), xml);
    String bucket = destination(rule.requiredObject("Destination"), xml);
    xml.append("</Rule>");
    return new ReplicationConfiguration.Rule(
        id == null ? "" : id,
        priority,
        filter != null,
        tagFilter,
        deleteMarkers,
        bucket.startsWith("arn:") ? bucket : "arn:aws:s3:::" + bucket);
  }

  private static String destination(PropertyValues destination, StringBuilder xml) {
    destination.check(
        TYPE,
        Set.of(
            "Bucket",
            "Account",
            "StorageClass",
            "AccessControlTranslation",
            "EncryptionConfiguration"),
        Set.of("Metrics", "ReplicationTime"),
        "Ferry replicates nothing, so it has no replication metrics or Replication Time Control");
    String bucket = destination.requiredString("Bucket");
    String storageClass = destination.string("StorageClass");
    if (storageClass != null && !storageClass.equals("STANDARD")) {
      throw HandlerErrors.unsupported(
          TYPE, destination.where("StorageClass"), "Ferry has one storage class, STANDARD");
    }
    xml.append("<Destination>");
    element(xml, "Bucket", bucket);
    element(xml, "Account", destination.string("Account"));
    element(xml, "StorageClass", storageClass);
    PropertyValues translation = destination.object("AccessControlTranslation");
    if (translation != null) {
      translation.check(TYPE, Set.of("Owner"), Set.of(), "");
      xml.append("<AccessControlTranslation>");
      element(xml, "Owner", translation.requiredString("Owner"));
      xml.append("</AccessControlTranslation>");
    }
    PropertyValues encryption = destination.object("EncryptionConfiguration");
    if (encryption != null) {
      encryption.check(TYPE, Set.of("ReplicaKmsKeyID"), Set.of(), "");
      xml.append("<EncryptionConfiguration>");
      element(xml, "ReplicaKmsKeyID", encryption.requiredString("ReplicaKmsKeyID"));
      xml.append("</EncryptionConfiguration>");
    }
    xml.append("</Destination>");
    return bucket;
  }

  private static void sourceSelection(@Nullable PropertyValues criteria, StringBuilder xml) {
    if (criteria == null) {
      return;
    }
    criteria.check(TYPE, Set.of("ReplicaModifications", "SseKmsEncryptedObjects"), Set.of(), "");
    xml.append("<SourceSelectionCriteria>");
    for (String name : List.of("ReplicaModifications", "SseKmsEncryptedObjects")) {
      PropertyValues each = criteria.object(name);
      if (each != null) {
        each.check(TYPE, Set.of("Status"), Set.of(), "");
        xml.append('<').append(name).append('>');
        element(xml, "Status", status(each, "Status", true));
        xml.append("</").append(name).append('>');
      }
    }
    xml.append("</SourceSelectionCriteria>");
  }

  private static void tag(StringBuilder xml, PropertyValues tag) {
    tag.check(TYPE, Set.of("Key", "Value"), Set.of(), "");
    xml.append("<Tag>");
    element(xml, "Key", tag.requiredString("Key"));
    element(xml, "Value", tag.requiredString("Value"));
    xml.append("</Tag>");
  }

  private static @Nullable String status(PropertyValues object, String name, boolean required) {
    String status = required ? object.requiredString(name) : object.string(name);
    if (status != null && !STATUSES.contains(status)) {
      throw HandlerErrors.invalidRequest(
          "Properties validation failed: "
              + object.where(name)
              + ": "
              + status
              + " is not a valid enum value (one of Enabled, Disabled)");
    }
    return status;
  }

  private static void element(StringBuilder xml, String name, @Nullable String text) {
    if (text == null) {
      return;
    }
    xml.append('<').append(name).append('>');
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> xml.append("&lt;");
        case '>' -> xml.append("&gt;");
        case '&' -> xml.append("&amp;");
        case '"' -> xml.append("&quot;");
        case '\'' -> xml.append("&apos;");
        default -> xml.append(c);
      }
    }
    xml.append("</").append(name).append('>');
  }
}
