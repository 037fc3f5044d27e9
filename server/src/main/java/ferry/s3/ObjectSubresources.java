package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an object version carries besides its bytes: its ACL and its tags ({@link ObjectLock}: its
 * retention and legal hold).
 */
public final class ObjectSubresources extends S3Family {
  ObjectSubresources(S3Family.Parts parts) {
    super(parts);
  }

  public AccessControlPolicy getObjectAcl(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:GetObjectAcl" : "s3:GetObjectVersionAcl",
        bucket,
        version,
        versionId);
    AccountId owner = effectiveOwner(bucket, version);
    return new AccessControlPolicy(owner, effectiveAcl(bucket, version));
  }

  public void putObjectAcl(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      AccessControlList acl) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    AccountId owner = effectiveOwner(bucket, version);
    requireOnVersion(
        caller,
        versionId == null ? "s3:PutObjectAcl" : "s3:PutObjectVersionAcl",
        bucket,
        version,
        versionId,
        S3Access.multivalued(aclContext(acl)));
    checkAclAllowed(caller, bucket, acl);
    objects.updateAcl(version, grantsOf(acl, owner, bucket.owner()));
  }

  public Map<String, String> getObjectTagging(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:GetObjectTagging" : "s3:GetObjectVersionTagging",
        bucket,
        version,
        versionId);
    return version.tags();
  }

  /** Replaces the tag set; returns the version id it applied to. */
  public String putObjectTagging(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      Map<String, String> tags) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:PutObjectTagging" : "s3:PutObjectVersionTagging",
        bucket,
        version,
        versionId,
        requestTagKeys(tags));
    ObjectTags.check(tags);
    objects.updateTags(version, tags);
    return version.versionId();
  }

  public String deleteObjectTagging(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(
        caller,
        versionId == null ? "s3:DeleteObjectTagging" : "s3:DeleteObjectVersionTagging",
        bucket,
        version,
        versionId);
    objects.updateTags(version, Map.of());
    return version.versionId();
  }
}
