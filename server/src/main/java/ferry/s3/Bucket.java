package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A bucket and its configuration.
 *
 * @param versioning null for a bucket that was never versioned
 * @param ownership null when the bucket has no ownership controls (it then behaves as ObjectWriter)
 * @param policy the bucket policy JSON as stored, or null
 * @param acl the bucket's ACL grants; empty means the owner's full control only
 * @param encryption the default encryption; null means the S3 default, SSE-S3
 * @param publicAccessBlock null when the bucket has no Block Public Access configuration
 * @param notification the NotificationConfiguration document as stored, or null
 * @param eventBridge whether the notification configuration sends events to EventBridge
 */
public record Bucket(
    String name,
    AccountId owner,
    Region region,
    Instant created,
    @Nullable Versioning versioning,
    @Nullable ObjectOwnership ownership,
    @Nullable String policy,
    List<Grant> acl,
    @Nullable ServerSideEncryption encryption,
    @Nullable PublicAccessBlock publicAccessBlock,
    @Nullable String notification,
    boolean eventBridge) {

  public Bucket {
    acl = List.copyOf(acl);
  }

  /** A new bucket as S3 makes it today: ACLs off, Block Public Access on, SSE-S3 by default. */
  public static Bucket create(
      String name, AccountId owner, Region region, Instant created, ObjectOwnership ownership) {
    return new Bucket(
        name,
        owner,
        region,
        created,
        null,
        ownership,
        null,
        List.of(),
        null,
        PublicAccessBlock.ALL_ON,
        null,
        false);
  }

  public String arn() {
    return "arn:aws:s3:::" + name;
  }

  public String objectArn(String key) {
    return "arn:aws:s3:::" + name + "/" + key;
  }

  public boolean isVersioningEnabled() {
    return versioning == Versioning.ENABLED;
  }

  /** Whether object-created and object-removed events go to the account's EventBridge bus. */
  public boolean eventBridgeEnabled() {
    return eventBridge;
  }

  /** Whether ACLs take part in access decisions (not under BucketOwnerEnforced). */
  public boolean aclsEnabled() {
    return ownership != ObjectOwnership.BUCKET_OWNER_ENFORCED;
  }

  public ServerSideEncryption defaultEncryption() {
    return encryption == null ? ServerSideEncryption.SSE_S3 : encryption;
  }

  /** The effective Block Public Access settings; none configured means all off. */
  public PublicAccessBlock effectivePublicAccessBlock() {
    return publicAccessBlock == null ? PublicAccessBlock.ALL_OFF : publicAccessBlock;
  }

  /** The ACL grants in force: the stored ones, or the owner's full control. */
  public List<Grant> effectiveAcl() {
    return acl.isEmpty() || !aclsEnabled()
        ? List.of(Grant.user(CanonicalUser.idOf(owner), "FULL_CONTROL"))
        : acl;
  }
}
