package ferry.cloudtrail;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.cloudtrail.store.TrailRepository;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A trail's tags: AddTags, RemoveTags and ListTags on trail ARNs, and CreateTrail's TagsList, each
 * authorized as {@code cloudtrail:<Operation>} on the trail. At most 50 tags per trail.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AddTags.html">AddTags</a>
 */
public final class TrailTagService {
  static final int MAX_TAGS = 50;
  private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /** A tag as a request gives it; RemoveTags may leave the value out. */
  public record Tag(String key, String value) {}

  private final TrailService trails;
  private final TrailRepository store;

  public TrailTagService(TrailService trails, TrailRepository store) {
    this.trails = trails;
    this.store = store;
  }

  public void addTags(Caller caller, String resourceId, List<Tag> tags) {
    Trail trail = tagged(caller, resourceId, "AddTags");
    retag(trail, checked(tags), Set.of());
  }

  public void removeTags(Caller caller, String resourceId, List<Tag> tags) {
    Trail trail = tagged(caller, resourceId, "RemoveTags");
    Set<String> keys = new HashSet<>();
    for (Tag tag : tags) {
      checkKey(tag.key());
      keys.add(tag.key());
    }
    retag(trail, Map.of(), keys);
  }

  /** The tags of each named trail, in the order named. */
  public Map<String, Map<String, String>> listTags(Caller caller, List<String> resourceIds) {
    if (resourceIds.isEmpty() || resourceIds.size() > 20) {
      throw CloudTrailErrors.invalidTrailName(
          "ResourceIdList must name from 1 to 20 trails, not " + resourceIds.size() + ".");
    }
    Map<String, Map<String, String>> listed = new LinkedHashMap<>();
    for (String resourceId : resourceIds) {
      Trail trail = tagged(caller, resourceId, "ListTags");
      listed.put(trail.arn(), store.tags(trail));
    }
    return listed;
  }

  /**
   * CreateTrail with a TagsList: the tags are checked and {@code cloudtrail:AddTags} authorized
   * before the trail is made, so a refused request makes nothing.
   */
  public Trail createTrail(Caller caller, CreateTrailRequest request, List<Tag> tags) {
    Map<String, String> set = checked(tags);
    if (!set.isEmpty()) {
      trails.authorize(
          caller, "AddTags", Trail.arn(caller.region(), caller.account(), request.name()));
    }
    Trail trail = trails.createTrail(caller, request);
    if (!set.isEmpty()) {
      retag(trail, set, Set.of());
    }
    return trail;
  }

  private static Map<String, String> checked(List<Tag> tags) {
    Map<String, String> set = new LinkedHashMap<>();
    for (Tag tag : tags) {
      checkKey(tag.key());
      if (tag.value().length() > 256 || !CHARACTERS.matcher(tag.value()).matches()) {
        throw CloudTrailErrors.invalidTagParameter(
            "Value " + tag.value() + " for key " + tag.key() + " is not valid.");
      }
      if (set.put(tag.key(), tag.value()) != null) {
        throw CloudTrailErrors.invalidTagParameter(
            "Tag key " + tag.key() + " is given more than once.");
      }
    }
    if (set.size() > MAX_TAGS) {
      throw CloudTrailErrors.tagsLimitExceeded(MAX_TAGS);
    }
    return set;
  }

  private void retag(Trail trail, Map<String, String> set, Set<String> remove) {
    try {
      store.retag(trail, set, remove, MAX_TAGS);
    } catch (TrailRepository.TooManyTags e) {
      throw CloudTrailErrors.tagsLimitExceeded(MAX_TAGS);
    }
  }

  private static void checkKey(String key) {
    if (key.isEmpty()
        || key.length() > 128
        || key.startsWith("aws:")
        || !CHARACTERS.matcher(key).matches()) {
      throw CloudTrailErrors.invalidTagParameter("Tag key " + key + " is not valid.");
    }
  }

  /** The trail a tagging call names, by its ARN only; one not found is a missing resource. */
  private Trail tagged(Caller caller, String resourceId, String operation) {
    if (!resourceId.startsWith("arn:")) {
      throw CloudTrailErrors.invalidArn(resourceId);
    }
    try {
      return trails.trail(caller, resourceId, operation);
    } catch (AwsException e) {
      if (e.code().equals("TrailNotFoundException")) {
        throw CloudTrailErrors.resourceNotFound(resourceId);
      }
      throw e;
    }
  }
}
