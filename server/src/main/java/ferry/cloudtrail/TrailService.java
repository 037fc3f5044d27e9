package ferry.cloudtrail;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Region;
import ferry.cloudtrail.store.TrailRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CloudTrail's trails: created in the caller's region for a bucket whose policy lets CloudTrail
 * write, started and stopped, described, deleted. Each operation is authorized as {@code
 * cloudtrail:<Operation>} on the trail's ARN; the delivery itself is {@link TrailDelivery}'s.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html">CreateTrail</a>
 */
public final class TrailService {
  /** Trails per account and region, as AWS's quota. */
  static final int MAX_TRAILS = 5;

  private static final Pattern NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]*");
  private static final Pattern ADJACENT = Pattern.compile("[._-]{2}");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
  private static final Pattern ARN =
      Pattern.compile("arn:aws:cloudtrail:([a-z0-9-]+):(\\d{12}):trail/(.+)");

  private final TrailRepository trails;
  private final TrailDelivery delivery;
  private final Authorizer authorizer;
  private final Clock clock;

  public TrailService(
      TrailRepository trails, TrailDelivery delivery, Authorizer authorizer, Clock clock) {
    this.trails = trails;
    this.delivery = delivery;
    this.authorizer = authorizer;
    this.clock = clock;
  }

  public Trail createTrail(Caller caller, CreateTrailRequest request) {
    checkName(request.name());
    if (request.name().startsWith("arn:")) {
      throw CloudTrailErrors.invalidTrailName(
          "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers,"
              + " periods (.), hyphens (-), and underscores (_).");
    }
    if (request.bucket().isEmpty()) {
      throw CloudTrailErrors.invalidBucketName(request.bucket());
    }
    String prefix = request.prefix();
    if (prefix != null && (prefix.isEmpty() || prefix.length() > 200)) {
      throw CloudTrailErrors.invalidS3Prefix(prefix);
    }
    Trail trail =
        new Trail(
            caller.account(),
            caller.region(),
            request.name(),
            request.bucket(),
            prefix,
            request.includeGlobalServiceEvents(),
            request.multiRegion(),
            clock.instant(),
            Trail.Status.NEW,
            null,
            null);
    authorize(caller, "CreateTrail", trail.arn());
    List<Trail> existing = trails.visible(caller.account(), caller.region());
    for (Trail other : existing) {
      if (other.name().equals(trail.name())) {
        throw CloudTrailErrors.trailAlreadyExists(trail.name(), caller.account().value());
      }
    }
    long own = existing.stream().filter(t -> t.homeRegion().equals(caller.region())).count();
    if (own >= MAX_TRAILS) {
      throw CloudTrailErrors.maximumTrails(
          caller.account().value(), MAX_TRAILS, caller.region().name());
    }
    delivery.checkBucket(trail);
    if (request.kmsKeyId() != null && !request.kmsKeyId().isEmpty()) {
      trail = trail.withKmsKeyId(delivery.checkKey(trail, request.kmsKeyId()));
    }
    switch (trails.insert(trail, MAX_TRAILS)) {
      case NAME_TAKEN ->
          throw CloudTrailErrors.trailAlreadyExists(trail.name(), caller.account().value());
      case TOO_MANY ->
          throw CloudTrailErrors.maximumTrails(
              caller.account().value(), MAX_TRAILS, caller.region().name());
      case INSERTED -> {}
    }
    return trail;
  }

  /**
   * Changes a trail's bucket, prefix (an empty one removes it), which events it takes beyond its
   * home region's and the KMS key of its log files (an empty one removes it), from its home region;
   * a new bucket, prefix or key must let CloudTrail write, as at creation.
   */
  public Trail updateTrail(Caller caller, UpdateTrailRequest request) {
    Trail trail = homeTrail(caller, request.name(), "UpdateTrail");
    String bucket = request.bucket() == null ? trail.bucket() : request.bucket();
    if (bucket.isEmpty()) {
      throw CloudTrailErrors.invalidBucketName(bucket);
    }
    String prefix = trail.prefix();
    if (request.prefix() != null) {
      if (request.prefix().length() > 200) {
        throw CloudTrailErrors.invalidS3Prefix(request.prefix());
      }
      prefix = request.prefix().isEmpty() ? null : request.prefix();
    }
    Trail updated =
        new Trail(
            trail.account(),
            trail.homeRegion(),
            trail.name(),
            bucket,
            prefix,
            request.includeGlobalServiceEvents() == null
                ? trail.includeGlobalServiceEvents()
                : request.includeGlobalServiceEvents(),
            request.multiRegion() == null ? trail.multiRegion() : request.multiRegion(),
            trail.created(),
            trail.status(),
            trail.eventSelectors(),
            trail.kmsKeyId());
    if (updated.multiRegion() && !updated.includeGlobalServiceEvents()) {
      throw CloudTrailErrors.invalidParameterCombination(
          "Multi-Region trail must include global service events.");
    }
    if (updated.multiRegion() && !trail.multiRegion()) {
      for (Trail other : trails.visibleEverywhere(caller.account(), trail.name())) {
        if (!other.homeRegion().equals(trail.homeRegion())) {
          throw CloudTrailErrors.trailAlreadyExists(trail.name(), caller.account().value());
        }
      }
    }
    if (!bucket.equals(trail.bucket()) || !java.util.Objects.equals(prefix, trail.prefix())) {
      delivery.checkBucket(updated);
    }
    if (request.kmsKeyId() != null) {
      updated =
          updated.withKmsKeyId(
              request.kmsKeyId().isEmpty() ? null : delivery.checkKey(updated, request.kmsKeyId()));
    }
    trails.update(updated);
    return updated;
  }

  public void deleteTrail(Caller caller, String name) {
    Trail trail = homeTrail(caller, name, "DeleteTrail");
    trails.delete(trail);
  }

  public void startLogging(Caller caller, String name) {
    Trail trail = homeTrail(caller, name, "StartLogging");
    // The request's time, the one its event has: logging then starts with this very call.
    trails.startLogging(trail, caller.requestTime());
  }

  public void stopLogging(Caller caller, String name) {
    Trail trail = homeTrail(caller, name, "StopLogging");
    // The request's time, the one its event has: this call is the last one delivered.
    trails.stopLogging(trail, caller.requestTime());
  }

  public Trail getTrail(Caller caller, String name) {
    return trail(caller, name, "GetTrail");
  }

  public Trail getTrailStatus(Caller caller, String name) {
    return trail(caller, name, "GetTrailStatus");
  }

  /**
   * The trails seen in the caller's region, or those named (by name or ARN; unknown ones are left
   * out, as in AWS); multi-region trails of other regions only with {@code includeShadowTrails}.
   */
  public List<Trail> describeTrails(
      Caller caller, List<String> names, boolean includeShadowTrails) {
    List<Target> targets = new ArrayList<>();
    for (String name : names) {
      targets.add(target(caller, name));
    }
    authorize(caller, "DescribeTrails", "*");
    List<Trail> shown = new ArrayList<>();
    for (Trail trail : trails.visible(caller.account(), caller.region())) {
      boolean shadow = !trail.homeRegion().equals(caller.region());
      if (shadow && !includeShadowTrails) {
        continue;
      }
      if (targets.isEmpty() || targets.stream().anyMatch(target -> target.names(trail))) {
        shown.add(trail);
      }
    }
    return shown;
  }

  /** A trail named by name or ARN, as the caller's region sees it. */
  Trail trail(Caller caller, String name, String operation) {
    Target target = target(caller, name);
    String arn = target.arn(caller);
    authorize(caller, operation, arn);
    Trail trail =
        target.account() == null || target.account().equals(caller.account())
            ? trails
                .find(
                    caller.account(),
                    target.region() == null ? caller.region() : target.region(),
                    target.name())
                .filter(found -> target.region() == null || target.names(found))
                .orElse(null)
            : null;
    if (trail == null) {
      throw CloudTrailErrors.trailNotFound(arn, caller.account().value());
    }
    return trail;
  }

  /** A trail that may be changed only in its home region. */
  Trail homeTrail(Caller caller, String name, String operation) {
    Trail trail = trail(caller, name, operation);
    if (!trail.homeRegion().equals(caller.region())) {
      throw CloudTrailErrors.invalidHomeRegion(trail.arn(), caller.region().name());
    }
    return trail;
  }

  void authorize(Caller caller, String operation, String resource) {
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of("cloudtrail:" + operation, resource, caller.account()));
    if (!verdict.allowed()) {
      throw CloudTrailErrors.accessDenied(verdict);
    }
  }

  /** A trail as a request names it: a name, or an ARN with its region and account. */
  private record Target(@Nullable Region region, @Nullable AccountId account, String name) {
    String arn(Caller caller) {
      return Trail.arn(
          region == null ? caller.region() : region,
          account == null ? caller.account() : account,
          name);
    }

    boolean names(Trail trail) {
      return trail.name().equals(name)
          && (region == null || trail.homeRegion().equals(region))
          && (account == null || trail.account().equals(account));
    }
  }

  private static Target target(Caller caller, String name) {
    if (name.startsWith("arn:")) {
      var arn = ARN.matcher(name);
      if (!arn.matches()) {
        throw CloudTrailErrors.invalidArn(name);
      }
      checkName(arn.group(3));
      return new Target(Region.of(arn.group(1)), AccountId.of(arn.group(2)), arn.group(3));
    }
    checkName(name);
    return new Target(null, null, name);
  }

  /** AWS's rules for trail names, each with its own message. */
  static void checkName(String name) {
    if (name.startsWith("arn:")) {
      return;
    }
    if (name.length() < 3) {
      throw CloudTrailErrors.invalidTrailName(
          "Trail name too short. Minimum allowed length: 3 characters. Specified name length: "
              + name.length()
              + " characters.");
    }
    if (name.length() > 128) {
      throw CloudTrailErrors.invalidTrailName(
          "Trail name too long. Maximum allowed length: 128 characters. Specified name length: "
              + name.length()
              + " characters.");
    }
    if (!NAME_CHARACTERS.matcher(name).matches()) {
      throw CloudTrailErrors.invalidTrailName(
          "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers,"
              + " periods (.), hyphens (-), and underscores (_).");
    }
    if (!Character.isLetterOrDigit(name.charAt(0))) {
      throw CloudTrailErrors.invalidTrailName("Trail name must starts with a letter or number.");
    }
    if (!Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
      throw CloudTrailErrors.invalidTrailName("Trail name must ends with a letter or number.");
    }
    if (ADJACENT.matcher(name).find()) {
      throw CloudTrailErrors.invalidTrailName(
          "Trail name cannot have adjacent periods, underscores or dashes. Specified name: "
              + name);
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      throw CloudTrailErrors.invalidTrailName("Trail name cannot be formatted as an IP address.");
    }
  }
}
