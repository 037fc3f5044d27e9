package ferry.cloudformation.resource;

import static java.nio.charset.StandardCharsets.UTF_8;

import ferry.s3.AccessControlList;
import ferry.s3.CannedAcl;
import ferry.s3.CorsConfiguration;
import ferry.s3.CorsRule;
import ferry.s3.LifecycleConfiguration;
import ferry.s3.LifecycleFilter;
import ferry.s3.LifecycleRule;
import ferry.s3.LoggingConfiguration;
import ferry.s3.ObjectLockConfiguration;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.RetentionMode;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import ferry.s3.WebsiteConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * AWS::S3::Bucket's properties as the records of Ferry's S3, each read in full before the bucket is
 * made, so that a property Ferry refuses leaves nothing behind. A null result means the property is
 * absent.
 */
final class S3BucketProperties {
  static final String TYPE = "AWS::S3::Bucket";

  private S3BucketProperties() {}

  static @Nullable Versioning versioning(PropertyValues properties) {
    PropertyValues versioning = properties.object("VersioningConfiguration");
    if (versioning == null) {
      return null;
    }
    versioning.check(TYPE, Set.of("Status"), Set.of(), "");
    String status = versioning.requiredString("Status");
    return switch (status) {
      case "Enabled" -> Versioning.ENABLED;
      case "Suspended" -> Versioning.SUSPENDED;
      default -> throw enumMismatch(versioning, "Status", status, "Enabled, Suspended");
    };
  }

  static @Nullable ServerSideEncryption encryption(PropertyValues properties) {
    PropertyValues encryption = properties.object("BucketEncryption");
    if (encryption == null) {
      return null;
    }
    encryption.check(TYPE, Set.of("ServerSideEncryptionConfiguration"), Set.of(), "");
    List<PropertyValues> rules = encryption.objects("ServerSideEncryptionConfiguration");
    if (rules.size() != 1) {
      throw HandlerErrors.invalidRequest(
          "BucketEncryption.ServerSideEncryptionConfiguration must have exactly one rule, as S3's"
              + " PutBucketEncryption takes one (it has "
              + rules.size()
              + ")");
    }
    PropertyValues rule = rules.getFirst();
    rule.check(
        TYPE,
        Set.of("ServerSideEncryptionByDefault", "BucketKeyEnabled"),
        Set.of("BlockedEncryptionTypes"),
        "Ferry's S3 does not block encryption types");
    PropertyValues byDefault = rule.object("ServerSideEncryptionByDefault");
    boolean bucketKey = rule.bool("BucketKeyEnabled", false);
    if (byDefault == null) {
      return new ServerSideEncryption(ServerSideEncryption.AES256, null, bucketKey);
    }
    byDefault.check(TYPE, Set.of("SSEAlgorithm", "KMSMasterKeyID"), Set.of(), "");
    String algorithm = byDefault.requiredString("SSEAlgorithm");
    String keyId = byDefault.string("KMSMasterKeyID");
    return switch (algorithm) {
      case ServerSideEncryption.AES256 -> {
        if (keyId != null) {
          throw HandlerErrors.invalidRequest(
              "KMSMasterKeyID can only be used when you set the value of SSEAlgorithm as aws:kms");
        }
        yield new ServerSideEncryption(ServerSideEncryption.AES256, null, bucketKey);
      }
      case ServerSideEncryption.AWS_KMS ->
          new ServerSideEncryption(ServerSideEncryption.AWS_KMS, keyId, bucketKey);
      case "aws:kms:dsse" ->
          throw HandlerErrors.unsupported(
              TYPE,
              "BucketEncryption SSEAlgorithm aws:kms:dsse",
              "Ferry's S3 encrypts with SSE-S3 or SSE-KMS, not dual-layer SSE-KMS");
      default -> throw enumMismatch(byDefault, "SSEAlgorithm", algorithm, "aws:kms, AES256");
    };
  }

  static @Nullable ObjectOwnership ownership(PropertyValues properties) {
    PropertyValues controls = properties.object("OwnershipControls");
    if (controls == null) {
      return null;
    }
    controls.check(TYPE, Set.of("Rules"), Set.of(), "");
    List<PropertyValues> rules = controls.objects("Rules");
    if (rules.size() != 1) {
      throw HandlerErrors.invalidRequest(
          "OwnershipControls.Rules must have exactly one rule (it has " + rules.size() + ")");
    }
    PropertyValues rule = rules.getFirst();
    rule.check(TYPE, Set.of("ObjectOwnership"), Set.of(), "");
    String value = rule.requiredString("ObjectOwnership");
    ObjectOwnership ownership = ObjectOwnership.fromWire(value);
    if (ownership == null) {
      throw enumMismatch(
          rule,
          "ObjectOwnership",
          value,
          "ObjectWriter, BucketOwnerPreferred, BucketOwnerEnforced");
    }
    return ownership;
  }

  static @Nullable PublicAccessBlock publicAccessBlock(PropertyValues properties) {
    PropertyValues block = properties.object("PublicAccessBlockConfiguration");
    if (block == null) {
      return null;
    }
    block.check(
        TYPE,
        Set.of("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"),
        Set.of(),
        "");
    return new PublicAccessBlock(
        block.bool("BlockPublicAcls", false),
        block.bool("IgnorePublicAcls", false),
        block.bool("BlockPublicPolicy", false),
        block.bool("RestrictPublicBuckets", false));
  }

  /**
   * The NotificationConfiguration document S3's PutBucketNotificationConfiguration would receive,
   * or null; Ferry delivers bucket notifications to EventBridge only.
   */
  static @Nullable Notification notification(PropertyValues properties) {
    PropertyValues notification = properties.object("NotificationConfiguration");
    if (notification == null) {
      return null;
    }
    notification.check(
        TYPE,
        Set.of("EventBridgeConfiguration"),
        Set.of("TopicConfigurations", "QueueConfigurations", "LambdaConfigurations"),
        "Ferry delivers bucket notifications only to EventBridge (EventBridgeConfiguration)");
    PropertyValues eventBridge = notification.object("EventBridgeConfiguration");
    boolean enabled = false;
    if (eventBridge != null) {
      eventBridge.check(TYPE, Set.of("EventBridgeEnabled"), Set.of(), "");
      enabled = eventBridge.bool("EventBridgeEnabled", true);
    }
    String xmlns = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    return new Notification(
        enabled
            ? "<NotificationConfiguration "
                + xmlns
                + "><EventBridgeConfiguration/></NotificationConfiguration>"
            : "<NotificationConfiguration " + xmlns + "/>",
        enabled);
  }

  /** A notification configuration document and whether it sends events to EventBridge. */
  record Notification(String document, boolean eventBridge) {
    static final Notification NONE =
        new Notification(
            "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>",
            false);
  }

  static @Nullable CorsConfiguration cors(PropertyValues properties) {
    PropertyValues cors = properties.object("CorsConfiguration");
    if (cors == null) {
      return null;
    }
    cors.check(TYPE, Set.of("CorsRules"), Set.of(), "");
    List<CorsRule> rules = new ArrayList<>();
    for (PropertyValues rule : cors.objects("CorsRules")) {
      rule.check(
          TYPE,
          Set.of(
              "Id",
              "AllowedHeaders",
              "AllowedMethods",
              "AllowedOrigins",
              "ExposedHeaders",
              "MaxAge"),
          Set.of(),
          "");
      rules.add(
          new CorsRule(
              rule.string("Id"),
              rule.strings("AllowedHeaders"),
              rule.strings("AllowedMethods"),
              rule.strings("AllowedOrigins"),
              rule.strings("ExposedHeaders"),
              rule.integer("MaxAge")));
    }
    return new CorsConfiguration(rules);
  }

  static @Nullable LifecycleConfiguration lifecycle(PropertyValues properties) {
    PropertyValues lifecycle = properties.object("LifecycleConfiguration");
    if (lifecycle == null) {
      return null;
    }
    lifecycle.check(TYPE, Set.of("Rules", "TransitionDefaultMinimumObjectSize"), Set.of(), "");
    String minimum = lifecycle.string("TransitionDefaultMinimumObjectSize");
    List<LifecycleRule> rules = new ArrayList<>();
    for (PropertyValues rule : lifecycle.objects("Rules")) {
      rule.check(
          TYPE,
          Set.of(
              "Id",
              "Status",
              "Prefix",
              "TagFilters",
              "ObjectSizeGreaterThan",
              "ObjectSizeLessThan",
              "ExpirationDate",
              "ExpirationInDays",
              "ExpiredObjectDeleteMarker",
              "NoncurrentVersionExpiration",
              "NoncurrentVersionExpirationInDays",
              "AbortIncompleteMultipartUpload"),
          Set.of(
              "Transition",
              "Transitions",
              "NoncurrentVersionTransition",
              "NoncurrentVersionTransitions"),
          "Ferry has one storage class, so lifecycle transitions are refused");
      rules.add(lifecycleRule(rule));
    }
    return new LifecycleConfiguration(
        rules, minimum == null ? LifecycleConfiguration.DEFAULT_MINIMUM_OBJECT_SIZE : minimum);
  }

  private static LifecycleRule lifecycleRule(PropertyValues rule) {
    String status = rule.requiredString("Status");
    if (!status.equals("Enabled") && !status.equals("Disabled")) {
      throw enumMismatch(rule, "Status", status, "Enabled, Disabled");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (PropertyValues tag : rule.objects("TagFilters")) {
      tag.check(TYPE, Set.of("Key", "Value"), Set.of(), "");
      tags.put(tag.requiredString("Key"), tag.requiredString("Value"));
    }
    String prefix = rule.string("Prefix");
    Long greater = rule.longValue("ObjectSizeGreaterThan");
    Long less = rule.longValue("ObjectSizeLessThan");
    int conditions =
        (prefix == null ? 0 : 1) + tags.size() + (greater == null ? 0 : 1) + (less == null ? 0 : 1);
    // As CloudFormation sends it: one condition as the Filter, several under Filter/And.
    LifecycleFilter filter =
        new LifecycleFilter(
            conditions > 1 ? LifecycleFilter.Form.AND : LifecycleFilter.Form.FILTER,
            conditions == 0 ? "" : prefix,
            tags,
            greater,
            less);
    PropertyValues noncurrent = rule.object("NoncurrentVersionExpiration");
    Integer noncurrentDays = rule.integer("NoncurrentVersionExpirationInDays");
    Integer newer = null;
    if (noncurrent != null) {
      noncurrent.check(TYPE, Set.of("NoncurrentDays", "NewerNoncurrentVersions"), Set.of(), "");
      noncurrentDays = noncurrent.integer("NoncurrentDays");
      newer = noncurrent.integer("NewerNoncurrentVersions");
    }
    PropertyValues abort = rule.object("AbortIncompleteMultipartUpload");
    Integer abortDays = null;
    if (abort != null) {
      abort.check(TYPE, Set.of("DaysAfterInitiation"), Set.of(), "");
      abortDays = abort.integer("DaysAfterInitiation");
    }
    String id = rule.string("Id");
    return new LifecycleRule(
        // S3 names a rule without an ID; a name from the rule itself keeps updates idempotent.
        id == null ? UUID.nameUUIDFromBytes(rule.json().getBytes(UTF_8)).toString() : id,
        status.equals("Enabled"),
        filter,
        rule.integer("ExpirationInDays"),
        rule.string("ExpirationDate"),
        rule.bool("ExpiredObjectDeleteMarker"),
        noncurrentDays,
        newer,
        abortDays);
  }

  static @Nullable WebsiteConfiguration website(PropertyValues properties) {
    PropertyValues website = properties.object("WebsiteConfiguration");
    if (website == null) {
      return null;
    }
    website.check(
        TYPE,
        Set.of("IndexDocument", "ErrorDocument", "RedirectAllRequestsTo", "RoutingRules"),
        Set.of(),
        "");
    WebsiteConfiguration.RedirectAllRequestsTo redirectAll = null;
    PropertyValues all = website.object("RedirectAllRequestsTo");
    if (all != null) {
      all.check(TYPE, Set.of("HostName", "Protocol"), Set.of(), "");
      redirectAll =
          new WebsiteConfiguration.RedirectAllRequestsTo(
              all.requiredString("HostName"), all.string("Protocol"));
    }
    List<WebsiteConfiguration.RoutingRule> rules = new ArrayList<>();
    for (PropertyValues rule : website.objects("RoutingRules")) {
      rule.check(TYPE, Set.of("RedirectRule", "RoutingRuleCondition"), Set.of(), "");
      PropertyValues condition = rule.object("RoutingRuleCondition");
      PropertyValues redirect = rule.requiredObject("RedirectRule");
      redirect.check(
          TYPE,
          Set.of(
              "HostName", "HttpRedirectCode", "Protocol", "ReplaceKeyPrefixWith", "ReplaceKeyWith"),
          Set.of(),
          "");
      WebsiteConfiguration.Condition when = null;
      if (condition != null) {
        condition.check(
            TYPE, Set.of("HttpErrorCodeReturnedEquals", "KeyPrefixEquals"), Set.of(), "");
        when =
            new WebsiteConfiguration.Condition(
                condition.string("KeyPrefixEquals"),
                condition.string("HttpErrorCodeReturnedEquals"));
      }
      rules.add(
          new WebsiteConfiguration.RoutingRule(
              when,
              new WebsiteConfiguration.Redirect(
                  redirect.string("HostName"),
                  redirect.string("HttpRedirectCode"),
                  redirect.string("Protocol"),
                  redirect.string("ReplaceKeyPrefixWith"),
                  redirect.string("ReplaceKeyWith"))));
    }
    return new WebsiteConfiguration(
        website.string("IndexDocument"), website.string("ErrorDocument"), redirectAll, rules);
  }

  /** Server access logging; without a DestinationBucketName the logs go to the bucket itself. */
  static @Nullable LoggingConfiguration logging(PropertyValues properties, String bucket) {
    PropertyValues logging = properties.object("LoggingConfiguration");
    if (logging == null) {
      return null;
    }
    logging.check(
        TYPE,
        Set.of("DestinationBucketName", "LogFilePrefix", "TargetObjectKeyFormat"),
        Set.of(),
        "");
    String target = logging.string("DestinationBucketName");
    String prefix = logging.string("LogFilePrefix");
    PropertyValues format = logging.object("TargetObjectKeyFormat");
    LoggingConfiguration.KeyFormat keyFormat = null;
    String dateSource = null;
    if (format != null) {
      format.check(TYPE, Set.of("SimplePrefix", "PartitionedPrefix"), Set.of(), "");
      PropertyValues partitioned = format.object("PartitionedPrefix");
      if (partitioned != null) {
        partitioned.check(TYPE, Set.of("PartitionDateSource"), Set.of(), "");
        keyFormat = LoggingConfiguration.KeyFormat.PARTITIONED_PREFIX;
        dateSource = partitioned.string("PartitionDateSource");
      } else {
        keyFormat = LoggingConfiguration.KeyFormat.SIMPLE_PREFIX;
      }
    }
    return new LoggingConfiguration(
        target == null ? bucket : target, prefix == null ? "" : prefix, keyFormat, dateSource);
  }

  static @Nullable ObjectLockConfiguration objectLock(PropertyValues properties) {
    PropertyValues lock = properties.object("ObjectLockConfiguration");
    if (lock == null) {
      return null;
    }
    lock.check(TYPE, Set.of("ObjectLockEnabled", "Rule"), Set.of(), "");
    String enabled = lock.string("ObjectLockEnabled");
    if (enabled != null && !enabled.equals("Enabled")) {
      throw enumMismatch(lock, "ObjectLockEnabled", enabled, "Enabled");
    }
    PropertyValues rule = lock.object("Rule");
    PropertyValues retention = rule == null ? null : rule.object("DefaultRetention");
    if (rule != null) {
      rule.check(TYPE, Set.of("DefaultRetention"), Set.of(), "");
    }
    if (retention == null) {
      return ObjectLockConfiguration.ENABLED;
    }
    retention.check(TYPE, Set.of("Mode", "Days", "Years"), Set.of(), "");
    String modeName = retention.string("Mode");
    RetentionMode mode = RetentionMode.fromWire(modeName);
    Integer days = retention.integer("Days");
    Integer years = retention.integer("Years");
    if (mode == null || (days == null) == (years == null)) {
      throw HandlerErrors.invalidRequest(
          "ObjectLockConfiguration.Rule.DefaultRetention needs a Mode (GOVERNANCE or COMPLIANCE)"
              + " and either Days or Years");
    }
    if ((days != null && days <= 0) || (years != null && years <= 0)) {
      throw HandlerErrors.invalidRequest(
          "ObjectLockConfiguration.Rule.DefaultRetention must have a positive Days or Years");
    }
    return new ObjectLockConfiguration(mode, days, years);
  }

  static @Nullable String acceleration(PropertyValues properties) {
    PropertyValues accelerate = properties.object("AccelerateConfiguration");
    if (accelerate == null) {
      return null;
    }
    accelerate.check(TYPE, Set.of("AccelerationStatus"), Set.of(), "");
    String status = accelerate.requiredString("AccelerationStatus");
    if (!status.equals("Enabled") && !status.equals("Suspended")) {
      throw enumMismatch(accelerate, "AccelerationStatus", status, "Enabled, Suspended");
    }
    return status;
  }

  /** The canned ACL of AccessControl ({@code PublicRead} is S3's {@code public-read}). */
  static AccessControlList acl(PropertyValues properties) {
    String value = properties.string("AccessControl");
    if (value == null) {
      return AccessControlList.NONE;
    }
    String wire = value.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    CannedAcl canned = CannedAcl.fromWire(wire);
    if (canned == null) {
      throw enumMismatch(
          properties,
          "AccessControl",
          value,
          "AuthenticatedRead, AwsExecRead, BucketOwnerFullControl, BucketOwnerRead,"
              + " LogDeliveryWrite, Private, PublicRead, PublicReadWrite");
    }
    return AccessControlList.canned(canned);
  }

  private static RuntimeException enumMismatch(
      PropertyValues properties, String name, String value, String allowed) {
    return HandlerErrors.invalidRequest(
        "Properties validation failed: "
            + properties.where(name)
            + ": "
            + value
            + " is not a valid enum value (one of "
            + allowed
            + ")");
  }
}
