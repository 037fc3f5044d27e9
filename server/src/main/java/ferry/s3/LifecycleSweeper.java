package ferry.s3;

import ferry.s3.store.UploadRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the buckets' lifecycle rules as S3 itself, not as a caller (no authorization): current
 * versions expire (removed in an unversioned bucket, hidden behind a delete marker in a versioned
 * one), noncurrent versions expire, expired object delete markers are removed, and incomplete
 * multipart uploads are aborted, each on the day S3's rounding gives.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html#intro-lifecycle-rules-actions">Lifecycle
 *     actions</a>
 */
public final class LifecycleSweeper extends S3Family implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleSweeper.class);
  private static final int PAGE = 500;

  /** What one sweep did. */
  public record Sweep(
      int currentExpired, int noncurrentExpired, int deleteMarkersRemoved, int uploadsAborted) {}

  private final UploadRepository uploads;
  private @Nullable ScheduledExecutorService timer;

  LifecycleSweeper(S3Family.Parts parts) {
    super(parts);
    this.uploads = parts.uploads();
  }

  /** Sweeps every {@code every} until closed, starting one period from now. */
  public synchronized void start(Duration every) {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> Thread.ofPlatform().name("ferry-lifecycle").daemon().unstarted(runnable));
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sweep();
          } catch (RuntimeException e) {
            LOG.warn("Lifecycle sweep failed", e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /** Applies every bucket's enabled rules once, as of the clock's now. */
  public synchronized Sweep sweep() {
    Counts counts = new Counts();
    for (String name : buckets.withSetting(LifecycleConfiguration.SETTING)) {
      Bucket bucket = buckets.find(name).orElse(null);
      LifecycleConfiguration configuration =
          buckets.findSetting(name, LifecycleConfiguration.SETTING).orElse(null);
      if (bucket == null || configuration == null) {
        continue;
      }
      List<LifecycleRule> rules =
          configuration.rules().stream().filter(LifecycleRule::enabled).toList();
      if (!rules.isEmpty()) {
        sweepObjects(bucket, rules, clock.instant(), counts);
        sweepUploads(bucket, rules, clock.instant(), counts);
      }
    }
    return new Sweep(
        counts.currentExpired,
        counts.noncurrentExpired,
        counts.deleteMarkersRemoved,
        counts.uploadsAborted);
  }

  private static final class Counts {
    int currentExpired;
    int noncurrentExpired;
    int deleteMarkersRemoved;
    int uploadsAborted;
  }

  /** Every key's versions, newest first, one key at a time. */
  private void sweepObjects(Bucket bucket, List<LifecycleRule> rules, Instant now, Counts counts) {
    String afterKey = "";
    long afterSeq = 0;
    List<ObjectVersion> key = new ArrayList<>();
    while (true) {
      List<ObjectVersion> page = objects.listVersions(bucket.name(), "", afterKey, afterSeq, PAGE);
      for (ObjectVersion version : page) {
        if (!key.isEmpty() && !key.getFirst().key().equals(version.key())) {
          // Only keys before the cursor change, so the listing goes on undisturbed.
          sweepKey(bucket, rules, key, now, counts);
          key = new ArrayList<>();
        }
        key.add(version);
      }
      if (page.size() < PAGE) {
        break;
      }
      afterKey = page.getLast().key();
      afterSeq = page.getLast().seq();
    }
    if (!key.isEmpty()) {
      sweepKey(bucket, rules, key, now, counts);
    }
  }

  private void sweepKey(
      Bucket bucket,
      List<LifecycleRule> rules,
      List<ObjectVersion> newestFirst,
      Instant now,
      Counts counts) {
    List<ObjectVersion> versions = new ArrayList<>(newestFirst);
    ObjectVersion current = versions.getFirst();
    if (current.latest()
        && !current.deleteMarker()
        && currentExpires(rules, current, now)
        && expireCurrent(bucket, versions, now)) {
      counts.currentExpired++;
    }
    List<ObjectVersion> kept = new ArrayList<>();
    if (!versions.isEmpty()) {
      kept.add(versions.getFirst());
    }
    for (int i = 1; i < versions.size(); i++) {
      ObjectVersion version = versions.get(i);
      // A version became noncurrent when the next newer one was made; i - 1 noncurrent versions
      // are newer than it.
      Instant since = versions.get(i - 1).created();
      if (noncurrentExpires(rules, version, since, i - 1, now) && remove(bucket, version)) {
        counts.noncurrentExpired++;
      } else {
        kept.add(version);
      }
    }
    if (kept.size() == 1 && kept.getFirst().deleteMarker()) {
      ObjectVersion marker = kept.getFirst();
      boolean expiredMarker = rules.stream().anyMatch(rule -> removesMarker(rule, marker, now));
      if (expiredMarker && remove(bucket, marker)) {
        counts.deleteMarkersRemoved++;
      }
    }
  }

  /**
   * An expired object delete marker goes with ExpiredObjectDeleteMarker, and with a rule that
   * expires current versions once the marker is as old as the rule says, as S3 documents.
   */
  private static boolean removesMarker(LifecycleRule rule, ObjectVersion marker, Instant now) {
    if (rule.removesExpiredDeleteMarkers()) {
      return rule.filter().matchesKey(marker.key());
    }
    Instant at = rule.currentExpiry(marker.created());
    return at != null && !now.isBefore(at) && rule.filter().matches(marker.key(), 0, Map.of());
  }

  private static boolean currentExpires(
      List<LifecycleRule> rules, ObjectVersion current, Instant now) {
    for (LifecycleRule rule : rules) {
      Instant at = rule.currentExpiry(current.created());
      if (at != null
          && !now.isBefore(at)
          && rule.filter().matches(current.key(), current.size(), current.tags())) {
        return true;
      }
    }
    return false;
  }

  private static boolean noncurrentExpires(
      List<LifecycleRule> rules, ObjectVersion version, Instant since, int newer, Instant now) {
    for (LifecycleRule rule : rules) {
      Instant at = rule.noncurrentExpiry(since);
      Integer keep = rule.newerNoncurrentVersions();
      boolean matches =
          version.deleteMarker()
              ? rule.filter().matchesKey(version.key())
              : rule.filter().matches(version.key(), version.size(), version.tags());
      if (at != null && !now.isBefore(at) && matches && (keep == null || newer >= keep)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Expires the current version as S3 does for the bucket's versioning: removed when unversioned, a
   * delete marker on top when enabled, a "null" delete marker replacing the "null" version when
   * suspended. {@code versions} is updated to match. False when a request changed the key since it
   * was read: the new version is left alone.
   */
  private boolean expireCurrent(Bucket bucket, List<ObjectVersion> versions, Instant now) {
    ObjectVersion current = versions.getFirst();
    if (bucket.versioning() == null) {
      if (remove(bucket, current)) {
        versions.removeFirst();
        return true;
      }
      return false;
    }
    ObjectVersion latest = objects.findLatest(bucket.name(), current.key()).orElse(null);
    if (latest == null || !same(latest, current)) {
      return false;
    }
    String markerId = bucket.isVersioningEnabled() ? newVersionId() : ObjectVersion.NULL_VERSION;
    if (markerId.equals(current.versionId()) && current.lockedAt(now)) {
      // The "null" delete marker would replace a "null" version that Object Lock protects.
      return false;
    }
    ObjectVersion marker =
        ObjectVersion.deleteMarker(bucket.name(), current.key(), markerId, bucket.owner(), now);
    bytes.delete(objects.put(marker));
    versions.removeIf(version -> version.versionId().equals(markerId));
    versions.addFirst(marker);
    return true;
  }

  /**
   * Removes a version for good, unless a request replaced it since it was read, or Object Lock
   * protects it: lifecycle never deletes a version under retention or legal hold (it may still put
   * a delete marker on top of it), as S3 documents.
   */
  private boolean remove(Bucket bucket, ObjectVersion version) {
    ObjectVersion stored =
        objects.findVersion(bucket.name(), version.key(), version.versionId()).orElse(null);
    if (stored == null || !same(stored, version) || stored.lockedAt(clock.instant())) {
      return false;
    }
    objects
        .deleteVersion(bucket.name(), version.key(), version.versionId())
        .ifPresent(removed -> bytes.delete(removed.blobId()));
    return true;
  }

  private static boolean same(ObjectVersion stored, ObjectVersion read) {
    return stored.versionId().equals(read.versionId())
        && stored.created().equals(read.created())
        && java.util.Objects.equals(stored.blobId(), read.blobId());
  }

  private void sweepUploads(Bucket bucket, List<LifecycleRule> rules, Instant now, Counts counts) {
    String keyMarker = "";
    String uploadIdMarker = "";
    while (true) {
      List<MultipartUpload> page = uploads.list(bucket.name(), "", keyMarker, uploadIdMarker, PAGE);
      for (MultipartUpload upload : page) {
        boolean abort =
            rules.stream()
                .anyMatch(rule -> {
                  Instant at = rule.abortAt(upload.initiated());
                  return at != null && !now.isBefore(at) && rule.filter().matchesKey(upload.key());
                });
        if (abort) {
          uploads.delete(upload.uploadId()).ifPresent(blobs -> blobs.forEach(bytes::delete));
          counts.uploadsAborted++;
        }
      }
      if (page.size() < PAGE) {
        return;
      }
      keyMarker = page.getLast().key();
      uploadIdMarker = page.getLast().uploadId();
    }
  }
}
