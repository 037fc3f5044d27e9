package ferry.ssm;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import ferry.ssm.store.ParameterRepository.TagOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AddTagsToResource, RemoveTagsFromResource and ListTagsForResource for parameters (the one
 * resource type of Ferry's SSM), authorized on the parameter's ARN.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/systems-manager/latest/userguide/tagging-parameters.html">Tagging
 *     parameters</a>
 */
public final class ParameterTags {
  /** Tags per parameter, as AWS's quota. */
  static final int MAX_TAGS = 50;

  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  private static final String PARAMETER = "Parameter";

  private final SsmAccess access;

  ParameterTags(SsmAccess access) {
    this.access = access;
  }

  public void addTags(Caller caller, String resourceType, String name, List<Tag> tags) {
    checkType(resourceType);
    check(tags);
    String arn = Parameter.arn(caller.region(), caller.account(), name);
    access.authorize(
        caller,
        SsmAccess.withRequestTags(
            AccessRequest.of("ssm:AddTagsToResource", arn, caller.account()), tags));
    TagOutcome outcome =
        access.parameters.addTags(caller.account(), caller.region(), name, tags, MAX_TAGS);
    switch (outcome) {
      case NO_PARAMETER -> throw SsmErrors.invalidResourceId(name);
      case TOO_MANY -> throw SsmErrors.tooManyTags(MAX_TAGS);
      case ADDED -> {}
    }
  }

  public void removeTags(Caller caller, String resourceType, String name, List<String> keys) {
    checkType(resourceType);
    String arn = Parameter.arn(caller.region(), caller.account(), name);
    access.authorize(
        caller,
        AccessRequest.of("ssm:RemoveTagsFromResource", arn, caller.account())
            .withContext("aws:TagKeys", keys.toArray(String[]::new)));
    if (access.parameters.latest(caller.account(), caller.region(), name).isEmpty()) {
      throw SsmErrors.invalidResourceId(name);
    }
    access.parameters.removeTags(caller.account(), caller.region(), name, keys);
  }

  public List<Tag> listTags(Caller caller, String resourceType, String name) {
    checkType(resourceType);
    access.authorize(
        caller, "ListTagsForResource", Parameter.arn(caller.region(), caller.account(), name));
    if (access.parameters.latest(caller.account(), caller.region(), name).isEmpty()) {
      throw SsmErrors.invalidResourceId(name);
    }
    return access.parameters.tags(caller.account(), caller.region(), name);
  }

  private static void checkType(String resourceType) {
    if (!resourceType.equals(PARAMETER)) {
      throw SsmErrors.invalidResourceType();
    }
  }

  /** A tag list as AWS accepts it: keys and values within bounds, no aws: keys, no duplicates. */
  static void check(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw SsmErrors.tooManyTags(MAX_TAGS);
    }
    Set<String> keys = new HashSet<>();
    for (Tag tag : tags) {
      if (tag.key().isEmpty()
          || tag.key().length() > 128
          || !TAG_TEXT.matcher(tag.key()).matches()) {
        throw SsmErrors.outOfRange(
            "tags.member.key",
            tag.key(),
            "have length between 1 and 128 and satisfy regular expression pattern:"
                + " ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
      }
      if (tag.value().length() > 256 || !TAG_TEXT.matcher(tag.value()).matches()) {
        throw SsmErrors.outOfRange(
            "tags.member.value",
            tag.value(),
            "have length less than or equal to 256 and satisfy regular expression pattern:"
                + " ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
      }
      if (tag.key().toLowerCase(Locale.ROOT).startsWith("aws:")) {
        throw SsmErrors.invalidTag(
            "Tag keys beginning with aws: are reserved for AWS use: " + tag.key());
      }
      if (!keys.add(tag.key())) {
        throw SsmErrors.validation("Duplicate tag keys are not allowed: " + tag.key());
      }
    }
  }
}
