package ferry.s3;

import ferry.aws.Caller;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.ResourceElement;
import ferry.policy.Statement;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's configuration kept on the bucket itself: versioning, policy, ACL, ownership controls,
 * default encryption, Block Public Access, notifications, Object Lock.
 */
public final class BucketConfiguration extends S3Family {
  private final PolicyParser policies = new PolicyParser();

  BucketConfiguration(S3Family.Parts parts) {
    super(parts);
  }

  /** Turns versioning on or suspends it; a bucket can never go back to unversioned. */
  public void putBucketVersioning(Caller caller, String name, Versioning versioning) {
    Bucket bucket = authorizedBucket(caller, name, "s3:PutBucketVersioning");
    if (versioning != Versioning.ENABLED && objectLockOf(bucket) != null) {
      throw S3Errors.invalidBucketState(
          "An Object Lock configuration is present on this bucket, so the versioning state cannot"
              + " be changed.");
    }
    buckets.updateVersioning(name, versioning);
  }

  /** The versioning state, or null for a bucket that was never versioned. */
  public @Nullable Versioning getBucketVersioning(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketVersioning");
    return bucket.versioning();
  }

  /**
   * Sets the bucket policy after the policy engine validated it as a bucket policy whose resources
   * are this bucket and its objects; a public policy is refused while BlockPublicPolicy is on.
   */
  public void putBucketPolicy(Caller caller, String name, String document) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:PutBucketPolicy", bucket);
    Policy policy;
    try {
      policy = policies.parse(document, PolicyKind.BUCKET);
    } catch (PolicyValidationException e) {
      throw S3Errors.malformedPolicy(e.awsMessage());
    }
    for (Statement statement : policy.statements()) {
      ResourceElement resource = statement.resource();
      if (resource == null) {
        throw S3Errors.malformedPolicy("Missing required field Resource");
      }
      for (String arn : resource.values()) {
        if (!arn.equals(bucket.arn()) && !arn.startsWith(bucket.arn() + "/") && !arn.equals("*")) {
          throw S3Errors.malformedPolicy("Policy has invalid resource");
        }
      }
    }
    if (bucket.effectivePublicAccessBlock().blockPublicPolicy()
        && BucketPolicies.isPublic(document)) {
      throw S3Errors.accessDenied(
          "User: "
              + caller.arn()
              + " is not authorized to perform: s3:PutBucketPolicy on resource: \""
              + bucket.arn()
              + "\" because public policies are blocked by the BlockPublicPolicy block public"
              + " access setting.");
    }
    buckets.updatePolicy(name, document);
  }

  public String getBucketPolicy(Caller caller, String name) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:GetBucketPolicy", bucket);
    String policy = bucket.policy();
    if (policy == null) {
      throw S3Errors.noSuchBucketPolicy(name);
    }
    return policy;
  }

  public void deleteBucketPolicy(Caller caller, String name) {
    Bucket bucket = bucket(name);
    requireOwnerForPolicy(caller, "s3:DeleteBucketPolicy", bucket);
    buckets.updatePolicy(name, null);
  }

  /**
   * Whether the bucket policy makes the bucket public. A bucket without a policy answers
   * NoSuchBucketPolicy, as AWS does (not IsPublic false): AWS's own answers in
   * https://github.com/cloudquery/cloudquery/issues/12163.
   */
  public boolean getBucketPolicyStatus(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketPolicyStatus");
    String policy = bucket.policy();
    if (policy == null) {
      throw S3Errors.noSuchBucketPolicy(name);
    }
    return BucketPolicies.isPublic(policy);
  }

  /**
   * The bucket owner's root user may always manage the bucket policy, even against an explicit Deny
   * (the lock-out escape); everyone else needs the action.
   */
  private void requireOwnerForPolicy(Caller caller, String action, Bucket bucket) {
    if (caller.principal() instanceof ferry.aws.Principal.AccountRoot root
        && root.account().equals(bucket.owner())) {
      return;
    }
    access.requireBucket(caller, action, bucket, Map.of());
  }

  public AccessControlPolicy getBucketAcl(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketAcl");
    return new AccessControlPolicy(bucket.owner(), bucket.effectiveAcl());
  }

  public void putBucketAcl(Caller caller, String name, AccessControlList acl) {
    Bucket bucket = bucket(name);
    access.requireBucket(caller, "s3:PutBucketAcl", bucket, aclContext(acl));
    checkAclAllowed(caller, bucket, acl);
    buckets.updateAcl(name, grantsOf(acl, bucket.owner(), bucket.owner()));
  }

  public void putBucketOwnershipControls(Caller caller, String name, ObjectOwnership ownership) {
    authorizedBucket(caller, name, "s3:PutBucketOwnershipControls");
    buckets.updateOwnership(name, ownership);
  }

  public ObjectOwnership getBucketOwnershipControls(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketOwnershipControls");
    ObjectOwnership ownership = bucket.ownership();
    if (ownership == null) {
      throw S3Errors.ownershipControlsNotFound(name);
    }
    return ownership;
  }

  public void deleteBucketOwnershipControls(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketOwnershipControls");
    buckets.updateOwnership(name, null);
  }

  public void putBucketEncryption(Caller caller, String name, ServerSideEncryption encryption) {
    authorizedBucket(caller, name, "s3:PutEncryptionConfiguration");
    buckets.updateEncryption(name, encryption);
  }

  /** The default encryption; every bucket has one, SSE-S3 unless configured otherwise. */
  public ServerSideEncryption getBucketEncryption(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetEncryptionConfiguration");
    return bucket.defaultEncryption();
  }

  /** Returns the bucket to the S3 default, SSE-S3. */
  public void deleteBucketEncryption(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutEncryptionConfiguration");
    buckets.updateEncryption(name, null);
  }

  public void putPublicAccessBlock(Caller caller, String name, PublicAccessBlock block) {
    authorizedBucket(caller, name, "s3:PutBucketPublicAccessBlock");
    buckets.updatePublicAccessBlock(name, block);
  }

  public PublicAccessBlock getPublicAccessBlock(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketPublicAccessBlock");
    PublicAccessBlock block = bucket.publicAccessBlock();
    if (block == null) {
      throw S3Errors.noSuchPublicAccessBlockConfiguration(name);
    }
    return block;
  }

  public void deletePublicAccessBlock(Caller caller, String name) {
    authorizedBucket(caller, name, "s3:PutBucketPublicAccessBlock");
    buckets.updatePublicAccessBlock(name, null);
  }

  /**
   * Stores the notification configuration; {@code eventBridge} says it holds an {@code
   * EventBridgeConfiguration}, which sends the bucket's object events to EventBridge.
   */
  public void putBucketNotification(
      Caller caller, String name, String document, boolean eventBridge) {
    authorizedBucket(caller, name, "s3:PutBucketNotification");
    buckets.updateNotification(name, document, eventBridge);
  }

  /** The stored notification configuration, or null when none was set. */
  public @Nullable String getBucketNotification(Caller caller, String name) {
    Bucket bucket = authorizedBucket(caller, name, "s3:GetBucketNotification");
    return bucket.notification();
  }
}
