package ferry.kms;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tags on keys: TagResource, UntagResource, ListResourceTags, and the checks CreateKey and
 * ReplicateKey apply to their Tags. A key's tags are {@code aws:ResourceTag/<key>} in every
 * authorization on it; a request's tags are {@code aws:RequestTag/<key>} and {@code aws:TagKeys}.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html">Tagging
 *     keys</a>
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/abac.html">ABAC for KMS</a>
 */
public final class KmsTags {
  static final int MAX_TAGS = 50;
  private static final int MAX_KEY = 128;
  private static final int MAX_VALUE = 256;

  private final KeyAccess access;

  KmsTags(KeyAccess access) {
    this.access = access;
  }

  /** Adds tags to a customer managed key, or changes the values of tags it has. */
  public void tagResource(Caller caller, String keyId, List<Tag> tags) {
    check(tags);
    KmsKey key = access.resolve(caller, keyId, "TagResource");
    access.require(
        caller,
        "TagResource",
        key,
        withRequestTags(access.keyAccess(caller, "TagResource", key, Map.of()), tags),
        Map.of());
    requireTaggable(key);
    access.changeTags(
        key,
        stored -> {
          Map<String, String> merged = asMap(stored);
          tags.forEach(tag -> merged.put(tag.key(), tag.value()));
          if (merged.size() > MAX_TAGS) {
            throw KmsErrors.limitExceeded(
                "A key can have at most "
                    + MAX_TAGS
                    + " tags; "
                    + key.arn()
                    + " would have "
                    + merged.size()
                    + ".");
          }
          return asList(merged);
        });
  }

  /** Removes the tags of these keys; a key the key does not have is ignored, as in AWS. */
  public void untagResource(Caller caller, String keyId, List<String> tagKeys) {
    for (int i = 0; i < tagKeys.size(); i++) {
      checkKey(tagKeys.get(i), "tagKeys." + (i + 1) + ".member");
    }
    KmsKey key = access.resolve(caller, keyId, "UntagResource");
    AccessRequest check =
        access
            .keyAccess(caller, "UntagResource", key, Map.of())
            .withContext("aws:TagKeys", tagKeys.toArray(String[]::new));
    access.require(caller, "UntagResource", key, check, Map.of());
    requireTaggable(key);
    access.changeTags(
        key,
        stored -> {
          Map<String, String> remaining = asMap(stored);
          tagKeys.forEach(remaining::remove);
          return asList(remaining);
        });
  }

  /** The key's tags in the order they were added; the marker is the last tag key of a page. */
  public Page<Tag> listResourceTags(
      Caller caller, String keyId, @Nullable Integer limit, @Nullable String marker) {
    int size = Page.limit(limit, MAX_TAGS);
    KmsKey key = access.resolve(caller, keyId, "ListResourceTags");
    access.authorize(caller, "ListResourceTags", key);
    List<Tag> tags = key.tags();
    int from = 0;
    if (marker != null) {
      from = -1;
      for (int i = 0; i < tags.size(); i++) {
        if (tags.get(i).key().equals(marker)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        throw KmsErrors.invalidMarker();
      }
    }
    List<Tag> rest = tags.subList(from, Math.min(tags.size(), from + size + 1));
    return Page.of(rest, size, Tag::key);
  }

  /** {@code aws:RequestTag/<key>} for each tag and {@code aws:TagKeys}, as AWS sets them. */
  static AccessRequest withRequestTags(AccessRequest request, List<Tag> tags) {
    if (tags.isEmpty()) {
      return request;
    }
    AccessRequest out = request;
    for (Tag tag : tags) {
      out = out.withContext("aws:RequestTag/" + tag.key(), tag.value());
    }
    return out.withContext("aws:TagKeys", tags.stream().map(Tag::key).toArray(String[]::new));
  }

  /**
   * A request's Tags as AWS checks them: no key twice, at most 50, each key 1 to 128 characters and
   * not starting with {@code aws:}, each value at most 256 characters.
   */
  static void check(List<Tag> tags) {
    Set<String> seen = new HashSet<>();
    for (Tag tag : tags) {
      if (!seen.add(tag.key())) {
        throw KmsErrors.tag("Duplicate tag keys");
      }
    }
    if (tags.size() > MAX_TAGS) {
      throw KmsErrors.tag("Too many tags");
    }
    for (int i = 0; i < tags.size(); i++) {
      Tag tag = tags.get(i);
      String member = "tags." + (i + 1) + ".member.";
      checkKey(tag.key(), member + "tagKey");
      if (tag.value().length() > MAX_VALUE) {
        throw KmsErrors.constraint(
            member + "tagValue",
            tag.value(),
            "Member must have length less than or equal to " + MAX_VALUE);
      }
    }
  }

  private static void checkKey(String key, String member) {
    if (key.isEmpty()) {
      throw KmsErrors.constraint(member, key, "Member must have length greater than or equal to 1");
    }
    if (key.length() > MAX_KEY) {
      throw KmsErrors.constraint(
          member, key, "Member must have length less than or equal to " + MAX_KEY);
    }
    if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw KmsErrors.tag("Tags beginning with aws: are reserved");
    }
  }

  private static void requireTaggable(KmsKey key) {
    if (key.manager() == KeyManager.AWS) {
      throw KmsErrors.unsupportedOperation(
          key.arn() + " is an AWS managed key; only customer managed keys can be tagged.");
    }
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
  }

  private static Map<String, String> asMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(tag -> map.put(tag.key(), tag.value()));
    return map;
  }

  private static List<Tag> asList(Map<String, String> map) {
    List<Tag> tags = new ArrayList<>(map.size());
    map.forEach((k, v) -> tags.add(new Tag(k, v)));
    return tags;
  }
}
