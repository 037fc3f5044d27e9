package ferry.s3;

import ferry.aws.Caller;
import ferry.s3.store.KeyOrder;
import ferry.s3.store.KeyStart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ListObjects(V2) and ListObjectVersions: a bucket's keys a page at a time. */
public final class ObjectListings extends S3Family {
  ObjectListings(S3Family.Parts parts) {
    super(parts);
  }

  /** One page of the bucket's current objects, grouped by delimiter into common prefixes. */
  public ListObjectsResult listObjects(Caller caller, ListObjectsRequest request) {
    Bucket bucket = bucket(request.bucket());
    Map<String, String> context = new HashMap<>();
    context.put("s3:prefix", request.prefix());
    context.put("s3:max-keys", Integer.toString(request.maxKeys()));
    if (request.delimiter() != null) {
      context.put("s3:delimiter", request.delimiter());
    }
    access.requireBucket(caller, "s3:ListBucket", bucket, context);
    List<ObjectVersion> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String delimiter = request.delimiter();
    int max = request.maxKeys();
    if (max == 0) {
      return new ListObjectsResult(found, prefixes, false, null);
    }
    KeyStart start = KeyStart.after(request.startAfter());
    if (resumesAfterCommonPrefix(request.startAfter(), request.prefix(), delimiter)) {
      start = pastEveryKeyIn(request.startAfter());
    }
    String last = null;
    var rows = new RowsPerQuery(delimiter);
    while (start != null && found.size() + prefixes.size() < max) {
      int asked = rows.take();
      List<ObjectVersion> page = objects.listLatest(bucket.name(), request.prefix(), start, asked);
      if (page.isEmpty()) {
        return new ListObjectsResult(found, prefixes, false, null);
      }
      boolean restart = false;
      for (ObjectVersion version : page) {
        if (found.size() + prefixes.size() == max) {
          return new ListObjectsResult(found, prefixes, true, last);
        }
        String key = version.key();
        String commonPrefix = commonPrefix(key, request.prefix(), delimiter);
        if (commonPrefix == null) {
          found.add(version);
          last = key;
          start = KeyStart.after(key);
        } else {
          prefixes.add(commonPrefix);
          last = commonPrefix;
          start = pastEveryKeyIn(commonPrefix);
          rows.skipped();
          restart = true;
          break;
        }
      }
      if (!restart && page.size() < asked) {
        // Every row after the start was read: asking again would find none.
        return new ListObjectsResult(found, prefixes, false, null);
      }
    }
    boolean more =
        start != null && !objects.listLatest(bucket.name(), request.prefix(), start, 1).isEmpty();
    return new ListObjectsResult(found, prefixes, more, more ? last : null);
  }

  /** One page of every version and delete marker, newest first per key. */
  public ListVersionsResult listObjectVersions(Caller caller, ListVersionsRequest request) {
    Bucket bucket = bucket(request.bucket());
    Map<String, String> context = new HashMap<>();
    context.put("s3:prefix", request.prefix());
    context.put("s3:max-keys", Integer.toString(request.maxKeys()));
    access.requireBucket(caller, "s3:ListBucketVersions", bucket, context);
    String afterKey = request.keyMarker();
    long afterSeq = 0;
    String versionIdMarker = request.versionIdMarker();
    if (versionIdMarker != null && !versionIdMarker.isEmpty()) {
      if (afterKey.isEmpty()) {
        throw S3Errors.invalidArgument(
            "A version-id marker cannot be specified without a key marker.",
            "version-id-marker",
            versionIdMarker);
      }
      if (!isVersionId(versionIdMarker)) {
        throw S3Errors.invalidArgument(
            "Invalid version id specified", "version-id-marker", versionIdMarker);
      }
      // A marker's version may be gone (the loop that empties a bucket page by page deletes
      // each page before asking for the next). Its place among the key's versions is then
      // unknown, so the listing resumes at the key's newest remaining version: no version after
      // the marker is skipped.
      afterSeq =
          objects
              .findVersion(bucket.name(), afterKey, versionIdMarker)
              .map(ObjectVersion::seq)
              .orElse(Long.MAX_VALUE);
    }
    String delimiter = request.delimiter();
    if (resumesAfterCommonPrefix(afterKey, request.prefix(), delimiter)) {
      KeyStart past = pastEveryKeyIn(afterKey);
      if (past == null) {
        return new ListVersionsResult(List.of(), List.of(), false, null, null);
      }
      afterKey = past.key();
      afterSeq = Long.MAX_VALUE;
    }
    List<ObjectVersion> found = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    int max = request.maxKeys();
    ObjectVersion lastVersion = null;
    String lastPrefix = null;
    var rows = new RowsPerQuery(delimiter);
    while (max > 0) {
      int asked = rows.take();
      List<ObjectVersion> page =
          objects.listVersions(bucket.name(), request.prefix(), afterKey, afterSeq, asked);
      if (page.isEmpty()) {
        return new ListVersionsResult(found, prefixes, false, null, null);
      }
      boolean restart = false;
      for (ObjectVersion version : page) {
        String commonPrefix = commonPrefix(version.key(), request.prefix(), delimiter);
        if (found.size() + prefixes.size() == max) {
          return lastPrefix != null
                  && (lastVersion == null || KeyOrder.compare(lastPrefix, lastVersion.key()) > 0)
              ? new ListVersionsResult(found, prefixes, true, lastPrefix, null)
              : new ListVersionsResult(
                  found,
                  prefixes,
                  true,
                  lastVersion == null ? null : lastVersion.key(),
                  lastVersion == null ? null : lastVersion.versionId());
        }
        if (commonPrefix == null) {
          found.add(version);
          lastVersion = version;
          afterKey = version.key();
          afterSeq = version.seq();
        } else {
          prefixes.add(commonPrefix);
          lastPrefix = commonPrefix;
          KeyStart past = pastEveryKeyIn(commonPrefix);
          if (past == null) {
            return new ListVersionsResult(found, prefixes, false, null, null);
          }
          afterKey = past.key();
          afterSeq = Long.MAX_VALUE;
          rows.skipped();
          restart = true;
          break;
        }
      }
      if (!restart && page.size() < asked) {
        return new ListVersionsResult(found, prefixes, false, null, null);
      }
    }
    return new ListVersionsResult(found, prefixes, false, null, null);
  }

  /**
   * How many rows a listing reads per query: all a page may hold when there is no delimiter; with
   * one, few after a common prefix (it makes the rest of a query's rows unused, and a bucket may
   * hold thousands of keys under each prefix), four times more each time a query's rows were all
   * keys, up to all a page may hold.
   */
  private static final class RowsPerQuery {
    private static final int MOST = 1000;
    private static final int AFTER_A_PREFIX = 8;

    private int next;

    RowsPerQuery(@Nullable String delimiter) {
      next = delimiter == null || delimiter.isEmpty() ? MOST : AFTER_A_PREFIX;
    }

    /** How many to read now; the next query reads four times more, unless a prefix says less. */
    int take() {
      int now = next;
      next = Math.min(MOST, next * 4);
      return now;
    }

    /** A common prefix left the rest of the last query's rows unused. */
    void skipped() {
      next = AFTER_A_PREFIX;
    }
  }

  /** Whether a marker is a common prefix a previous page ended with, under the request's prefix. */
  private static boolean resumesAfterCommonPrefix(
      String marker, String prefix, @Nullable String delimiter) {
    return delimiter != null
        && !delimiter.isEmpty()
        && marker.length() > prefix.length()
        && marker.startsWith(prefix)
        && marker.endsWith(delimiter);
  }

  /** The first key after every key under a common prefix; null when none can follow them. */
  private static @Nullable KeyStart pastEveryKeyIn(String commonPrefix) {
    String past = KeyOrder.pastPrefix(commonPrefix);
    return past == null ? null : KeyStart.at(past);
  }

  /** The key's common prefix under {@code prefix}: up to and with the delimiter; null if none. */
  static @Nullable String commonPrefix(String key, String prefix, @Nullable String delimiter) {
    if (delimiter == null || delimiter.isEmpty()) {
      return null;
    }
    int at = key.indexOf(delimiter, prefix.length());
    return at < 0 ? null : key.substring(0, at + delimiter.length());
  }
}
