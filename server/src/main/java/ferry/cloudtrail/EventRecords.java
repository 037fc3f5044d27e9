package ferry.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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

  /**
   * The record as the writer built it before {@link EventRecordWriter}: an object tree, then its
   * text. Kept only until the streaming writer is shown to write the same bytes.
   */
  static String treeRecord(ApiCall call, EventRecordWriter.Facts facts) {
    Caller caller = call.caller();
    ObjectNode record = JSON.createObjectNode();
    record.put("eventVersion", EVENT_VERSION);
    record.set("userIdentity", userIdentity(caller, call.invokedBy()));
    record.put("eventTime", instant(call.time()));
    record.put("eventSource", call.eventSource());
    record.put("eventName", call.eventName());
    record.put("awsRegion", caller.region().name());
    String invokedBy = call.invokedBy();
    record.put("sourceIPAddress", invokedBy != null ? invokedBy : caller.sourceIp());
    record.put("userAgent", invokedBy != null ? invokedBy : call.userAgent());
    if (call.errorCode() != null) {
      record.put("errorCode", call.errorCode());
      record.put("errorMessage", call.errorMessage());
    }
    record.set("requestParameters", requestParameters(call.primary()));
    if (call.responseElements() != null) {
      record.set("responseElements", JSON.valueToTree(call.responseElements()));
    } else {
      record.putNull("responseElements");
    }
    ObjectNode additional = record.putObject("additionalEventData");
    if (call.decisionId() != null) {
      additional.put("ferryDecisionId", call.decisionId());
    }
    record.put("requestID", facts.requestId());
    record.put("eventID", facts.eventId());
    record.put("readOnly", facts.readOnly());
    if (!facts.resources().isEmpty()) {
      ArrayNode array = record.putArray("resources");
      for (EventRecordWriter.Resource resource : facts.resources()) {
        array.add(resource(resource.type(), resource.arn(), resource.account()));
      }
    }
    record.put("eventType", "AwsApiCall");
    record.put("managementEvent", !facts.data());
    record.put("recipientAccountId", facts.recipient());
    if (facts.sharedEventId() != null) {
      record.put("sharedEventID", facts.sharedEventId());
    }
    record.put("eventCategory", facts.data() ? "Data" : "Management");
    return record.toString();
  }

  private static String instant(Instant time) {
    return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
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

  private static ObjectNode userIdentity(Caller caller, @Nullable String invokedBy) {
    ObjectNode identity = JSON.createObjectNode();
    Principal principal = caller.principal();
    switch (principal) {
      case Principal.AccountRoot root -> {
        identity.put("type", "Root");
        identity.put("principalId", root.account().value());
        identity.put("arn", root.arn());
        identity.put("accountId", root.account().value());
      }
      case Principal.IamUser user -> {
        identity.put("type", "IAMUser");
        identity.put("principalId", user.id());
        identity.put("arn", user.arn());
        identity.put("accountId", user.account().value());
        identity.put("userName", user.name());
      }
      case Principal.AssumedRole role -> {
        identity.put("type", "AssumedRole");
        identity.put("principalId", role.userId());
        identity.put("arn", role.arn());
        identity.put("accountId", role.account().value());
      }
      case Principal.ServicePrincipal service -> identity.put("type", "AWSService");
      case Principal.Anonymous anonymous -> {
        identity.put("type", "AWSAccount");
        identity.put("principalId", "");
        identity.put("accountId", "ANONYMOUS_PRINCIPAL");
      }
    }
    if (!caller.accessKeyId().isEmpty()) {
      identity.put("accessKeyId", caller.accessKeyId());
    }
    if (principal instanceof Principal.AssumedRole role) {
      ObjectNode context = identity.putObject("sessionContext");
      ObjectNode issuer = context.putObject("sessionIssuer");
      issuer.put("type", "Role");
      issuer.put("principalId", role.roleId());
      issuer.put("arn", role.roleArn());
      issuer.put("accountId", role.account().value());
      issuer.put("userName", role.roleName());
      ObjectNode attributes = context.putObject("attributes");
      if (caller.sessionCreated() != null) {
        attributes.put("creationDate", instant(caller.sessionCreated()));
      }
      attributes.put("mfaAuthenticated", "false");
      if (caller.sourceIdentity() != null) {
        context.put("sourceIdentity", caller.sourceIdentity());
      }
    } else if (caller.sessionCreated() != null) {
      // A user's or the root user's GetSessionToken credentials.
      ObjectNode attributes = identity.putObject("sessionContext").putObject("attributes");
      attributes.put("creationDate", instant(caller.sessionCreated()));
      attributes.put("mfaAuthenticated", "false");
    }
    String by = invokedBy != null ? invokedBy : serviceOf(principal);
    if (by != null) {
      identity.put("invokedBy", by);
    }
    return identity;
  }

  private static @Nullable String serviceOf(Principal principal) {
    return principal instanceof Principal.ServicePrincipal service ? service.service() : null;
  }

  private static @Nullable ObjectNode requestParameters(@Nullable AccessRequest access) {
    if (access == null || access.resource().equals("*")) {
      return null;
    }
    String action = access.action();
    String resource = access.resource();
    ObjectNode parameters = JSON.createObjectNode();
    if (action.startsWith("s3:") && resource.startsWith("arn:aws:s3:::")) {
      String path = resource.substring("arn:aws:s3:::".length());
      int slash = path.indexOf('/');
      parameters.put("bucketName", slash < 0 ? path : path.substring(0, slash));
      if (slash >= 0) {
        parameters.put("key", path.substring(slash + 1));
      }
      return parameters;
    }
    if (action.startsWith("sts:AssumeRole")) {
      parameters.put("roleArn", resource);
      List<String> session = access.context().get("sts:RoleSessionName");
      if (session != null && !session.isEmpty()) {
        parameters.put("roleSessionName", session.getFirst());
      }
      return parameters;
    }
    if (action.startsWith("kms:")) {
      parameters.put("keyId", resource);
      ObjectNode context = JSON.createObjectNode();
      access
          .context()
          .forEach((key, values) -> {
            if (key.startsWith("kms:EncryptionContext:") && !values.isEmpty()) {
              context.put(key.substring("kms:EncryptionContext:".length()), values.getFirst());
            }
          });
      if (!context.isEmpty()) {
        parameters.set("encryptionContext", context);
      }
      return parameters;
    }
    return null;
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

  private static ObjectNode resource(String type, String arn, @Nullable String account) {
    ObjectNode resource = JSON.createObjectNode();
    resource.put("ARN", arn);
    if (account != null) {
      resource.put("accountId", account);
    }
    resource.put("type", type);
    return resource;
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
