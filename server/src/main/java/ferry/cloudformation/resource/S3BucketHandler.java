package ferry.cloudformation.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.s3.AccessControlList;
import ferry.s3.Bucket;
import ferry.s3.CannedAcl;
import ferry.s3.CorsConfiguration;
import ferry.s3.CreateBucketRequest;
import ferry.s3.LifecycleConfiguration;
import ferry.s3.LoggingConfiguration;
import ferry.s3.ObjectLockConfiguration;
import ferry.s3.ObjectOwnership;
import ferry.s3.PublicAccessBlock;
import ferry.s3.ReplicationConfiguration;
import ferry.s3.S3Service;
import ferry.s3.ServerSideEncryption;
import ferry.s3.Versioning;
import ferry.s3.WebsiteConfiguration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AWS::S3::Bucket through {@link S3Service}: CreateBucket (with the ownership, canned ACL and
 * Object Lock it takes), then one S3 operation per configuration the template gives: tags,
 * versioning, default encryption, Block Public Access, EventBridge notifications, CORS, lifecycle,
 * website, server access logging, replication, Object Lock's default retention and Transfer
 * Acceleration. An update makes the calls of the configurations that changed, deleting those the
 * template no longer gives. Delete fails on a bucket that still has objects, as AWS's does.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-s3-bucket.html">AWS::S3::Bucket</a>
 */
public final class S3BucketHandler implements ResourceHandler {
  static final String TYPE = S3BucketProperties.TYPE;
  private static final int MAX_NAME = 63;

  /** Properties of the schema whose S3 features Ferry does not implement. */
  private static final Map<String, String> UNSUPPORTED =
      Map.of(
          "AnalyticsConfigurations", "Ferry's S3 has no storage class analysis",
          "IntelligentTieringConfigurations", "Ferry has one storage class",
          "InventoryConfigurations", "Ferry's S3 does not produce inventory reports",
          "MetricsConfigurations", "Ferry's S3 has no CloudWatch request metrics",
          "MetadataConfiguration", "Ferry's S3 has no metadata tables",
          "MetadataTableConfiguration", "Ferry's S3 has no metadata tables",
          "AbacStatus", "Ferry's S3 does not authorize by bucket tags (ABAC)");

  private static final Set<String> SUPPORTED =
      Set.of(
          "BucketName",
          "AccessControl",
          "AccelerateConfiguration",
          "BucketEncryption",
          "CorsConfiguration",
          "LifecycleConfiguration",
          "LoggingConfiguration",
          "NotificationConfiguration",
          "ObjectLockConfiguration",
          "ObjectLockEnabled",
          "OwnershipControls",
          "PublicAccessBlockConfiguration",
          "ReplicationConfiguration",
          "Tags",
          "VersioningConfiguration",
          "WebsiteConfiguration");

  private static final ResourceSchema SCHEMA =
      new ResourceSchema(
          TYPE,
          union(SUPPORTED, UNSUPPORTED.keySet()),
          Set.of(),
          Set.of("BucketName", "ObjectLockEnabled"),
          Set.of("Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL"),
          "BucketName");

  /**
   * Regions whose website endpoints are {@code s3-website-region}, not {@code s3-website.region}.
   */
  private static final Set<String> DASHED_WEBSITE_REGIONS =
      Set.of(
          "us-east-1",
          "us-west-1",
          "us-west-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-northeast-1",
          "eu-west-1",
          "sa-east-1",
          "us-gov-west-1");

  private final S3Service s3;

  public S3BucketHandler(S3Service s3) {
    this.s3 = s3;
  }

  @Override
  public ResourceSchema schema() {
    return SCHEMA;
  }

  @Override
  public Provisioned create(ResourceRequest request) {
    PropertyValues properties = PropertyValues.of(request);
    refuseUnsupported(properties);
    String given = properties.string("BucketName");
    String name = given == null ? request.generatedName(MAX_NAME).toLowerCase(Locale.ROOT) : given;
    Configuration wanted = Configuration.of(properties, name, request.stackTags());
    Caller caller = request.caller();
    if (given != null) {
      requireAbsent(caller, name);
    }
    Bucket bucket =
        s3.buckets()
            .createBucket(
                caller,
                new CreateBucketRequest(
                    name,
                    caller.region(),
                    wanted.ownership,
                    wanted.acl,
                    properties.bool("ObjectLockEnabled", false)));
    try {
      apply(caller, name, Configuration.created(wanted.acl, wanted.ownership), wanted);
    } catch (AwsException e) {
      try {
        s3.buckets().deleteBucket(caller, name);
      } catch (AwsException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return provisioned(bucket.name(), bucket.region());
  }

  @Override
  public Provisioned update(
      ResourceRequest request, Provisioned current, ObjectNode previousProperties) {
    PropertyValues properties = PropertyValues.of(request);
    refuseUnsupported(properties);
    String name = current.physicalId();
    Configuration before =
        Configuration.of(
            PropertyValues.of(request.logicalId(), previousProperties), name, request.stackTags());
    Configuration after = Configuration.of(properties, name, request.stackTags());
    apply(request.caller(), name, before, after);
    return current;
  }

  /**
   * DeleteBucket: a bucket with objects fails with S3's BucketNotEmpty; one that is gone is not.
   */
  @Override
  public void delete(ResourceRequest request, Provisioned current) {
    try {
      s3.buckets().deleteBucket(request.caller(), current.physicalId());
    } catch (AwsException e) {
      if (!e.code().equals("NoSuchBucket")) {
        throw e;
      }
    }
  }

  /**
   * The S3 calls that take the bucket from one configuration to the other, each after what it
   * needs: ownership controls before an ACL, versioning before Object Lock and replication.
   */
  private void apply(Caller caller, String name, Configuration before, Configuration after) {
    if (!after.tags.equals(before.tags)) {
      if (after.tags.isEmpty()) {
        s3.tagging().deleteBucketTagging(caller, name);
      } else {
        s3.tagging().putBucketTagging(caller, name, after.tags);
      }
    }
    if (!equal(after.ownership, before.ownership)) {
      if (after.ownership == null) {
        s3.configuration().deleteBucketOwnershipControls(caller, name);
      } else {
        s3.configuration().putBucketOwnershipControls(caller, name, after.ownership);
      }
    }
    if (!after.acl.equals(before.acl)) {
      s3.configuration()
          .putBucketAcl(
              caller,
              name,
              after.acl.isEmpty() ? AccessControlList.canned(CannedAcl.PRIVATE) : after.acl);
    }
    if (!equal(after.publicAccessBlock, before.publicAccessBlock)) {
      if (after.publicAccessBlock == null) {
        s3.configuration().deletePublicAccessBlock(caller, name);
      } else {
        s3.configuration().putPublicAccessBlock(caller, name, after.publicAccessBlock);
      }
    }
    if (!equal(after.versioning, before.versioning)) {
      // A bucket never goes back to unversioned: without the property it is suspended.
      s3.configuration()
          .putBucketVersioning(
              caller, name, after.versioning == null ? Versioning.SUSPENDED : after.versioning);
    }
    if (!equal(after.encryption, before.encryption)) {
      if (after.encryption == null) {
        s3.configuration().deleteBucketEncryption(caller, name);
      } else {
        s3.configuration().putBucketEncryption(caller, name, after.encryption);
      }
    }
    if (!equal(after.objectLock, before.objectLock) && after.objectLock != null) {
      s3.objectLock().putObjectLockConfiguration(caller, name, after.objectLock);
    } else if (after.objectLock == null && before.objectLock != null) {
      // Object Lock, once on, stays on: without the property the default retention goes.
      s3.objectLock().putObjectLockConfiguration(caller, name, ObjectLockConfiguration.ENABLED);
    }
    if (!equal(after.cors, before.cors)) {
      if (after.cors == null) {
        s3.cors().deleteBucketCors(caller, name);
      } else {
        s3.cors().putBucketCors(caller, name, after.cors);
      }
    }
    if (!equal(after.lifecycle, before.lifecycle)) {
      if (after.lifecycle == null) {
        s3.lifecycle().deleteBucketLifecycle(caller, name);
      } else {
        s3.lifecycle().putBucketLifecycleConfiguration(caller, name, after.lifecycle);
      }
    }
    if (!equal(after.website, before.website)) {
      if (after.website == null) {
        s3.websites().deleteBucketWebsite(caller, name);
      } else {
        s3.websites().putBucketWebsite(caller, name, after.website);
      }
    }
    if (!equal(after.logging, before.logging)) {
      s3.logging().putBucketLogging(caller, name, after.logging);
    }
    if (!equal(after.replication, before.replication)) {
      if (after.replication == null) {
        s3.replication().deleteBucketReplication(caller, name);
      } else {
        s3.replication().putBucketReplication(caller, name, after.replication);
      }
    }
    if (!equal(after.acceleration, before.acceleration)) {
      s3.acceleration()
          .putBucketAccelerateConfiguration(
              caller, name, after.acceleration == null ? "Suspended" : after.acceleration);
    }
    if (!equal(after.notification, before.notification)) {
      S3BucketProperties.Notification notification =
          after.notification == null ? S3BucketProperties.Notification.NONE : after.notification;
      s3.configuration()
          .putBucketNotification(caller, name, notification.document(), notification.eventBridge());
    }
  }

  /** A named bucket that exists already (even the caller's own) fails, as in AWS. */
  private void requireAbsent(Caller caller, String name) {
    try {
      s3.buckets().headBucket(caller, name);
    } catch (AwsException e) {
      if (e.code().equals("NoSuchBucket")) {
        return;
      }
      if (e.code().equals("AccessDenied")) {
        return; // CreateBucket says whether another account has it.
      }
      throw e;
    }
    throw HandlerErrors.alreadyExists(TYPE, name);
  }

  private static void refuseUnsupported(PropertyValues properties) {
    for (Map.Entry<String, String> unsupported : UNSUPPORTED.entrySet()) {
      if (properties.has(unsupported.getKey())) {
        throw HandlerErrors.unsupported(TYPE, unsupported.getKey(), unsupported.getValue());
      }
    }
  }

  /** Ref is the bucket's name; GetAtt gives its ARN and the domain names AWS gives it. */
  static Provisioned provisioned(String name, Region region) {
    String r = region.name();
    String website = DASHED_WEBSITE_REGIONS.contains(r) ? "s3-website-" + r : "s3-website." + r;
    return new Provisioned(
        name,
        Map.of(
            "Arn", "arn:aws:s3:::" + name,
            "DomainName", name + ".s3.amazonaws.com",
            "RegionalDomainName", name + ".s3." + r + ".amazonaws.com",
            "DualStackDomainName", name + ".s3.dualstack." + r + ".amazonaws.com",
            "WebsiteURL", "http://" + name + "." + website + ".amazonaws.com"));
  }

  private static boolean equal(@Nullable Object a, @Nullable Object b) {
    return a == null ? b == null : a.equals(b);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Everything a template says of a bucket, as S3's records; null for a configuration the template
   * does not give (S3's default).
   */
  private record Configuration(
      Map<String, String> tags,
      AccessControlList acl,
      @Nullable ObjectOwnership ownership,
      @Nullable PublicAccessBlock publicAccessBlock,
      @Nullable Versioning versioning,
      @Nullable ServerSideEncryption encryption,
      @Nullable ObjectLockConfiguration objectLock,
      @Nullable CorsConfiguration cors,
      @Nullable LifecycleConfiguration lifecycle,
      @Nullable WebsiteConfiguration website,
      @Nullable LoggingConfiguration logging,
      @Nullable ReplicationConfiguration replication,
      @Nullable String acceleration,
      S3BucketProperties.@Nullable Notification notification) {

    /**
     * What CreateBucket leaves: ownership and ACL as asked, S3's defaults for the rest (Block
     * Public Access all on); every other configuration the template gives is applied after it.
     */
    static Configuration created(AccessControlList acl, @Nullable ObjectOwnership ownership) {
      return new Configuration(
          Map.of(), acl, ownership, null, null, null, null, null, null, null, null, null, null,
          null);
    }

    static Configuration of(
        PropertyValues properties, String bucket, Map<String, String> stackTags) {
      Map<String, String> tags = new LinkedHashMap<>(stackTags);
      tags.putAll(properties.tags("Tags"));
      return new Configuration(
          tags,
          S3BucketProperties.acl(properties),
          S3BucketProperties.ownership(properties),
          S3BucketProperties.publicAccessBlock(properties),
          S3BucketProperties.versioning(properties),
          S3BucketProperties.encryption(properties),
          S3BucketProperties.objectLock(properties),
          S3BucketProperties.cors(properties),
          S3BucketProperties.lifecycle(properties),
          S3BucketProperties.website(properties),
          S3BucketProperties.logging(properties, bucket),
          S3BucketReplication.of(properties),
          S3BucketProperties.acceleration(properties),
          S3BucketProperties.notification(properties));
    }
  }
}
