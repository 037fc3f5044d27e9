package ferry.s3;

import ferry.aws.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Object Lock: a bucket's Object Lock configuration (enabled, with a default retention), and each
 * version's retention and legal hold, which block its deletion ({@link S3Family#requireDeletable}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html">Object
 *     Lock</a>
 */
public final class ObjectLock extends S3Family {
  static final BucketSetting<ObjectLockConfiguration> CONFIGURATION =
      new BucketSetting<>("object-lock", ObjectLockConfiguration.class);

  ObjectLock(S3Family.Parts parts) {
    super(parts);
  }

  public ObjectLockConfiguration getObjectLockConfiguration(Caller caller, String bucketName) {
    Bucket bucket = authorizedBucket(caller, bucketName, "s3:GetBucketObjectLockConfiguration");
    ObjectLockConfiguration configuration = objectLockOf(bucket);
    if (configuration == null) {
      throw S3Errors.objectLockConfigurationNotFound(bucketName);
    }
    return configuration;
  }

  /**
   * Enables Object Lock, or changes the default retention, on a bucket whose versioning is enabled;
   * once enabled, Object Lock stays so.
   */
  public void putObjectLockConfiguration(
      Caller caller, String bucketName, ObjectLockConfiguration configuration) {
    Bucket bucket = authorizedBucket(caller, bucketName, "s3:PutBucketObjectLockConfiguration");
    if (!bucket.isVersioningEnabled()) {
      throw S3Errors.invalidBucketState(
          "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
    }
    buckets.putSetting(bucket.name(), CONFIGURATION, configuration);
  }

  public Retention getObjectRetention(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(caller, "s3:GetObjectRetention", bucket, version, versionId);
    requireObjectLock(bucket);
    Retention retention = version.retention();
    if (retention == null) {
      throw S3Errors.noSuchObjectLockConfiguration();
    }
    return retention;
  }

  /**
   * Sets, extends, shortens or removes ({@code retention} null) a version's retention. While a
   * retention lasts, a COMPLIANCE one can only be extended; a GOVERNANCE one can be shortened or
   * removed with x-amz-bypass-governance-retention and s3:BypassGovernanceRetention.
   */
  public void putObjectRetention(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      @Nullable Retention retention,
      boolean bypassGovernance) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireLockAction(caller, "s3:PutObjectRetention", bucket, version, versionId, retention, null);
    requireObjectLock(bucket);
    Instant now = clock.instant();
    if (retention != null && !retention.activeAt(now)) {
      throw S3Errors.retainUntilDateInPast();
    }
    Retention current = version.retention();
    if (current != null && current.activeAt(now) && weakens(current, retention)) {
      if (current.mode() == RetentionMode.COMPLIANCE || !bypassGovernance) {
        throw S3Errors.protectedByObjectLock();
      }
      requireOnVersion(caller, "s3:BypassGovernanceRetention", bucket, version, versionId);
    }
    objects.updateRetention(version, retention);
  }

  public LegalHold getObjectLegalHold(
      Caller caller, String bucketName, String key, @Nullable String versionId) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireOnVersion(caller, "s3:GetObjectLegalHold", bucket, version, versionId);
    requireObjectLock(bucket);
    LegalHold legalHold = version.legalHold();
    if (legalHold == null) {
      throw S3Errors.noSuchObjectLockConfiguration();
    }
    return legalHold;
  }

  public void putObjectLegalHold(
      Caller caller,
      String bucketName,
      String key,
      @Nullable String versionId,
      LegalHold legalHold) {
    Bucket bucket = bucket(bucketName);
    ObjectVersion version = existingVersion(bucket, key, versionId);
    requireLockAction(caller, "s3:PutObjectLegalHold", bucket, version, versionId, null, legalHold);
    requireObjectLock(bucket);
    objects.updateLegalHold(version, legalHold);
  }

  /**
   * The retention and legal hold a GetObject or HeadObject shows: each only to a caller allowed
   * s3:GetObjectRetention or s3:GetObjectLegalHold on the version, as in AWS.
   */
  public ObjectLockRequest visibleLock(Caller caller, ObjectVersion version) {
    if (version.retention() == null && version.legalHold() == null) {
      return ObjectLockRequest.NONE;
    }
    Bucket bucket = bucket(version.bucket());
    return new ObjectLockRequest(
        version.retention() != null && allows(caller, "s3:GetObjectRetention", bucket, version)
            ? version.retention()
            : null,
        version.legalHold() != null && allows(caller, "s3:GetObjectLegalHold", bucket, version)
            ? version.legalHold()
            : null);
  }

  private boolean allows(Caller caller, String action, Bucket bucket, ObjectVersion version) {
    try {
      requireOnVersion(caller, action, bucket, version, null);
      return true;
    } catch (ferry.aws.AwsException e) {
      return false;
    }
  }

  /**
   * The Object Lock condition keys of a request that sets a retention or legal hold:
   * s3:object-lock-mode, -retain-until-date, -remaining-retention-days and -legal-hold.
   */
  static Map<String, String> conditionKeys(
      @Nullable Retention retention, @Nullable LegalHold legalHold, Clock clock) {
    Map<String, String> context = new HashMap<>();
    if (retention != null) {
      context.put("s3:object-lock-mode", retention.mode().name());
      context.put("s3:object-lock-retain-until-date", retention.retainUntil().toString());
      long days = Duration.between(clock.instant(), retention.retainUntil()).toDays();
      context.put("s3:object-lock-remaining-retention-days", Long.toString(Math.max(0, days)));
    }
    if (legalHold != null) {
      context.put("s3:object-lock-legal-hold", legalHold.name());
    }
    return context;
  }

  private void requireLockAction(
      Caller caller,
      String action,
      Bucket bucket,
      ObjectVersion version,
      @Nullable String versionId,
      @Nullable Retention retention,
      @Nullable LegalHold legalHold) {
    Map<String, String> context = conditionKeys(retention, legalHold, clock);
    if (versionId != null) {
      context.put("s3:VersionId", versionId);
    }
    access.requireObject(
        caller,
        action,
        bucket,
        version.key(),
        effectiveOwner(bucket, version),
        effectiveAcl(bucket, version),
        context);
  }

  private void requireObjectLock(Bucket bucket) {
    if (objectLockOf(bucket) == null) {
      throw S3Errors.missingObjectLockConfiguration();
    }
  }

  /** Whether {@code wanted} protects less than {@code current}: removed, shorter or weaker mode. */
  private static boolean weakens(Retention current, @Nullable Retention wanted) {
    return wanted == null
        || wanted.retainUntil().isBefore(current.retainUntil())
        || (current.mode() == RetentionMode.COMPLIANCE
            && wanted.mode() == RetentionMode.GOVERNANCE);
  }
}
