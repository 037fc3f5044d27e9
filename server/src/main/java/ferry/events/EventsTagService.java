package ferry.events;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.events.store.EventBusRepository;
import ferry.events.store.RuleRepository;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags of rules and event buses: TagResource, UntagResource and ListTagsForResource, authorized on
 * the resource's ARN. At most 50 tags a resource; a request that would pass that, or repeats a key,
 * stores nothing.
 */
public final class EventsTagService {
  static final int MAX_TAGS = 50;
  private static final Pattern ARN =
      Pattern.compile("arn:aws[\\w-]*:events:([a-z0-9-]+):([0-9]{12}):(rule|event-bus)/(.+)");

  private final EventBusRepository tags;
  private final RuleRepository rules;
  private final EventBusService buses;
  private final EventsAccess access;

  public EventsTagService(
      EventBusRepository tags, RuleRepository rules, EventBusService buses, Authorizer authorizer) {
    this.tags = tags;
    this.rules = rules;
    this.buses = buses;
    this.access = new EventsAccess(authorizer);
  }

  public void tagResource(Caller caller, String arn, List<Tag> wanted) {
    check(wanted);
    String resource = resource(caller, arn);
    AccessRequest request =
        AccessRequest.of("events:TagResource", resource, caller.account())
            .withContext("aws:TagKeys", wanted.stream().map(Tag::key).toArray(String[]::new));
    for (Tag tag : wanted) {
      request = request.withContext("aws:RequestTag/" + tag.key(), tag.value());
    }
    access.require(caller, request);
    if (!tags.tag(resource, wanted, MAX_TAGS)) {
      throw EventsErrors.tooManyTags();
    }
  }

  public void untagResource(Caller caller, String arn, List<String> keys) {
    String resource = resource(caller, arn);
    access.require(
        caller,
        AccessRequest.of("events:UntagResource", resource, caller.account())
            .withContext("aws:TagKeys", keys.toArray(String[]::new)));
    tags.untag(resource, keys);
  }

  public List<Tag> listTagsForResource(Caller caller, String arn) {
    String resource = resource(caller, arn);
    access.require(caller, "events:ListTagsForResource", resource, caller.account());
    return tags.tags(resource);
  }

  /** Tags a resource just made with the tags of its create request, already checked. */
  void tagNew(String arn, List<Tag> wanted) {
    if (!tags.tag(arn, wanted, MAX_TAGS)) {
      throw EventsErrors.tooManyTags();
    }
  }

  /** Forgets the tags of a deleted resource. */
  void forget(String arn) {
    tags.deleteTags(arn);
  }

  /**
   * The ARN of the rule or bus {@code arn} names, in the caller's account and region; a resource
   * that does not exist is ResourceNotFoundException.
   */
  private String resource(Caller caller, String arn) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw EventsErrors.validation(
          "Parameter ResourceARN is not valid: " + arn + " is not the ARN of a rule or event bus.");
    }
    Region region = Region.of(m.group(1));
    AccountId account = AccountId.of(m.group(2));
    if (!region.equals(caller.region()) || !account.equals(caller.account())) {
      throw EventsErrors.resourceNotFound("Resource " + arn + " does not exist.");
    }
    String path = m.group(4);
    if (m.group(3).equals("event-bus")) {
      return buses.find(account, region, path).arn();
    }
    int slash = path.lastIndexOf('/');
    String bus = slash < 0 ? EventsService.DEFAULT_BUS : path.substring(0, slash);
    String name = path.substring(slash + 1);
    return rules
        .find(account, region, bus, name)
        .orElseThrow(() -> EventsErrors.ruleNotFound(name, bus))
        .arn();
  }

  /** Refuses tags EventBridge refuses: bad lengths, the reserved aws: prefix, repeated keys. */
  static void check(List<Tag> wanted) {
    Set<String> keys = new HashSet<>();
    for (Tag tag : wanted) {
      if (tag.key().isEmpty() || tag.key().length() > 128) {
        throw EventsErrors.validation(
            "1 validation error detected: Value '"
                + tag.key()
                + "' at 'tags.member.key' failed to satisfy constraint: Member must have length"
                + " less than or equal to 128 and greater than or equal to 1");
      }
      if (tag.value().length() > 256) {
        throw EventsErrors.validation(
            "1 validation error detected: Value at 'tags.member.value' failed to satisfy"
                + " constraint: Member must have length less than or equal to 256");
      }
      if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
        throw EventsErrors.validation(
            "Invalid tag key " + tag.key() + ": the prefix aws: is reserved for AWS's own tags.");
      }
      if (!keys.add(tag.key())) {
        throw EventsErrors.validation(
            "Duplicate tag key " + tag.key() + ": each key may appear once in a request.");
      }
    }
    if (wanted.size() > MAX_TAGS) {
      throw EventsErrors.tooManyTags();
    }
  }
}
