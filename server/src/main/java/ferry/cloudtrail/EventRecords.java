package ferry.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * CloudTrail's record of a call (event version 1.09), in the caller's account and, for a call
 * across accounts, in the resource owner's too, both with the same {@code sharedEventID}. Request
 * parameters are built from the authorized access only (bucket and key, role and session name, key
 * and encryption context), never from bodies, so no secret, token, plaintext or object byte can
 * reach a record.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html">CloudTrail
 *     record contents</a>
 */
public final class EventRecords {
  public static final String EVENT_VERSION = "1.09";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> READ_PREFIXES =
      Set.of("Get", "List", "Describe", "Head", "Lookup", "Simulate");
  // Calls that read and return data without changing anything, as CloudTrail marks them.
  private static final Set<String> READ_ONLY =
      Set.of(
          "AssumeRole",
          "AssumeRoleWithSAML",
          "AssumeRoleWithWebIdentity",
          "Decrypt",
          "Encrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "ReEncrypt");
  private static final Set<String> S3_BUCKET_DATA_EVENTS =
      Set.of("ListObjects", "ListObjectsV2", "ListObjectVersions", "ListMultipartUploads");
  // IAM actions whose API operation has another name.
  private static final Map<String, String> OPERATION_OF_ACTION =
      Map.of(
          "s3:GetObjectVersion", "GetObject",
          "s3:ListBucket", "ListObjects",
          "s3:ListBucketVersions", "ListObjectVersions",
          "s3:ListBucketMultipartUploads", "ListMultipartUploads",
          "s3:DeleteObjectVersion", "DeleteObject",
          "kms:ReEncryptFrom", "ReEncrypt",
          "kms:ReEncryptTo", "ReEncrypt");
  private static final Map<String, String> SERVICE_TYPE_NAMES =
      Map.of(
          "s3", "S3",
          "iam", "IAM",
          "kms", "KMS",
          "sts", "STS",
          "events", "Events",
          "codepipeline", "CodePipeline",
          "cloudtrail", "CloudTrail");

  private EventRecords() {}

  /** The operation an IAM action authorizes, for a call known only by its decision. */
  public static String operationOf(String action) {
    String operation = OPERATION_OF_ACTION.get(action);
    return operation != null ? operation : action.substring(action.indexOf(':') + 1);
  }

  /** Whether a condition key of an access becomes part of a record's request parameters. */
  static boolean showsContextKey(String key) {
    return key.equals("sts:RoleSessionName") || key.startsWith("kms:EncryptionContext:");
  }

  /**
   * A new event id: a UUID whose first 48 bits are the time in milliseconds (the layout of UUID
   * version 7), so the ids of new events sort after those of older ones and the event history's
   * indexes on them grow at their end instead of at random places.
   */
  static String eventId() {
    long millis = System.currentTimeMillis();
    var random = ThreadLocalRandom.current();
    long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /** {@code kms} → {@code kms.amazonaws.com}; a full service principal is kept. */
  public static String serviceHost(String service) {
    return service.contains(".") ? service : service + ".amazonaws.com";
  }

  /** The events of one call: one per account that sees it. */
  public static List<TrailEvent> of(ApiCall call) {
    Caller caller = call.caller();
    AccessRequest primary = call.primary();
    AccountId callerAccount = ownAccount(caller.principal());
    AccountId owner = primary == null ? null : primary.resourceAccount();
    List<AccountId> recipients = new ArrayList<>();
    if (callerAccount != null) {
      recipients.add(callerAccount);
    }
    if (owner != null && !owner.equals(callerAccount)) {
      recipients.add(owner);
    }
    String shared = recipients.size() > 1 ? UUID.randomUUID().toString() : null;
    List<TrailEvent> events = new ArrayList<>();
    for (AccountId recipient : recipients) {
      events.add(event(call, recipient, shared));
    }
    return events;
  }

  private static TrailEvent event(ApiCall call, AccountId recipient, @Nullable String shared) {
    Caller caller = call.caller();
    List<EventRecordWriter.Resource> resources = resources(call.primary());
    EventRecordWriter.Facts facts =
        new EventRecordWriter.Facts(
            recipient.value(),
            shared,
            eventId(),
            call.requestId() != null ? call.requestId() : UUID.randomUUID().toString(),
            readOnly(call.eventName()),
            isDataEvent(call),
            resources);
    List<TrailEvent.Resource> lookups = new ArrayList<>();
    for (EventRecordWriter.Resource resource : resources) {
      lookups.add(new TrailEvent.Resource(resource.type(), resource.arn()));
      String name = shortName(resource.type(), resource.arn());
      if (!name.equals(resource.arn())) {
        lookups.add(new TrailEvent.Resource(resource.type(), name));
      }
    }
    return new TrailEvent(
        recipient.value(),
        facts.eventId(),
        call.time(),
        call.eventName(),
        call.eventSource(),
        facts.readOnly(),
        username(caller.principal()),
        caller.accessKeyId().isEmpty() ? null : caller.accessKeyId(),
        lookups,
        EventRecordWriter.write(call, facts));
  }

  private static @Nullable AccountId ownAccount(Principal principal) {
    return switch (principal) {
      case Principal.ServicePrincipal service -> null;
      case Principal.Anonymous anonymous -> null;
      default -> principal.account();
    };
  }

  static boolean readOnly(String eventName) {
    if (READ_ONLY.contains(eventName)) {
      return true;
    }
    for (String prefix : READ_PREFIXES) {
      if (eventName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** S3's object-level calls are data events; everything else here is a management event. */
  private static boolean isDataEvent(ApiCall call) {
    if (!call.eventSource().equals("s3.amazonaws.com")) {
      return false;
    }
    AccessRequest primary = call.primary();
    boolean onObject = primary != null && primary.resource().indexOf('/') > 0;
    return onObject || S3_BUCKET_DATA_EVENTS.contains(call.eventName());
  }

  private static @Nullable String username(Principal principal) {
    return switch (principal) {
      case Principal.AccountRoot root -> "root";
      case Principal.IamUser user -> user.name();
      case Principal.AssumedRole role -> role.session();
      case Principal.ServicePrincipal service -> service.service();
      case Principal.Anonymous anonymous -> null;
    };
  }

  static List<EventRecordWriter.Resource> resources(@Nullable AccessRequest access) {
    List<EventRecordWriter.Resource> resources = new ArrayList<>();
    if (access == null || !access.resource().startsWith("arn:")) {
      return resources;
    }
    String arn = access.resource();
    String account = access.resourceAccount().value();
    if (arn.startsWith("arn:aws:s3:::")) {
      String path = arn.substring("arn:aws:s3:::".length());
      int slash = path.indexOf('/');
      if (slash > 0) {
        resources.add(new EventRecordWriter.Resource(arn, null, "AWS::S3::Object"));
        resources.add(
            new EventRecordWriter.Resource(
                "arn:aws:s3:::" + path.substring(0, slash), account, "AWS::S3::Bucket"));
      } else {
        resources.add(new EventRecordWriter.Resource(arn, account, "AWS::S3::Bucket"));
      }
      return resources;
    }
    String[] parts = arn.split(":", 6);
    if (parts.length < 6) {
      return resources;
    }
    String service = SERVICE_TYPE_NAMES.getOrDefault(parts[2], parts[2]);
    String rest = parts[5];
    int end = rest.indexOf('/');
    String type = end < 0 ? service : capitalized(rest.substring(0, end));
    resources.add(new EventRecordWriter.Resource(arn, account, "AWS::" + service + "::" + type));
    return resources;
  }

  private static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  /** The name a console shows, such as a bucket's or a role's, besides the ARN. */
  private static String shortName(String type, String arn) {
    if (type.equals("AWS::S3::Bucket")) {
      return arn.substring("arn:aws:s3:::".length());
    }
    if (type.equals("AWS::S3::Object")) {
      return arn;
    }
    int slash = arn.lastIndexOf('/');
    return slash < 0 ? arn : arn.substring(slash + 1);
  }

  /** The resources of a stored record, as LookupEvents lists them. */
  static ArrayNode resourcesOf(String record) {
    try {
      var node = JSON.readTree(record).get("resources");
      return node instanceof ArrayNode array ? array : JSON.createArrayNode();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return JSON.createArrayNode();
    }
  }
}
