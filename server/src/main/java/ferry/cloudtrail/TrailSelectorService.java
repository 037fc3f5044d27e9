package ferry.cloudtrail;

import ferry.aws.Caller;
import ferry.cloudtrail.store.TrailRepository;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A trail's basic event selectors: PutEventSelectors (from the trail's home region) and
 * GetEventSelectors. Data events are those of S3 objects, the only ones Ferry has; advanced event
 * selectors are refused by the wire binding.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html">PutEventSelectors</a>
 */
public final class TrailSelectorService {
  static final int MAX_SELECTORS = 5;
  static final int MAX_DATA_RESOURCES = 250;
  private static final Set<String> EXCLUDABLE_SOURCES =
      Set.of("kms.amazonaws.com", "rdsdata.amazonaws.com");
  private static final Pattern S3_OBJECTS =
      Pattern.compile("arn:aws:s3(:::)?|arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.*");

  /** One data resource as a request gives it. */
  public record DataResource(String type, List<String> values) {}

  private final TrailService trails;
  private final TrailRepository store;

  public TrailSelectorService(TrailService trails, TrailRepository store) {
    this.trails = trails;
    this.store = store;
  }

  public Trail putEventSelectors(Caller caller, String trailName, List<EventSelector> selectors) {
    Trail trail = trails.homeTrail(caller, trailName, "PutEventSelectors");
    store.putEventSelectors(trail, selectors);
    return trail;
  }

  public Trail getEventSelectors(Caller caller, String trailName) {
    return trails.trail(caller, trailName, "GetEventSelectors");
  }

  /** Checks a request's selectors against AWS's limits and Ferry's data resource types. */
  public static void check(List<EventSelector> selectors, List<List<DataResource>> resources) {
    if (selectors.isEmpty() || selectors.size() > MAX_SELECTORS) {
      throw CloudTrailErrors.invalidEventSelectors(
          "A trail can have from 1 to "
              + MAX_SELECTORS
              + " event selectors, not "
              + selectors.size()
              + ".");
    }
    int total = 0;
    for (List<DataResource> ofSelector : resources) {
      for (DataResource resource : ofSelector) {
        if (!resource.type().equals(EventSelector.S3_OBJECT)) {
          if (resource.type().equals("AWS::Lambda::Function")
              || resource.type().equals("AWS::DynamoDB::Table")) {
            throw CloudTrailErrors.unsupported(
                "Ferry has no data events of " + resource.type() + "; only of AWS::S3::Object.");
          }
          throw CloudTrailErrors.invalidEventSelectors(
              "Value " + resource.type() + " for DataResources.Type is not valid.");
        }
        if (resource.values().isEmpty()) {
          throw CloudTrailErrors.invalidEventSelectors("DataResources.Values must not be empty.");
        }
        for (String value : resource.values()) {
          if (!S3_OBJECTS.matcher(value).matches()) {
            throw CloudTrailErrors.invalidEventSelectors(
                "Value " + value + " for DataResources.Values is not valid.");
          }
        }
        total += resource.values().size();
      }
    }
    if (total > MAX_DATA_RESOURCES) {
      throw CloudTrailErrors.invalidEventSelectors(
          "A trail is limited to " + MAX_DATA_RESOURCES + " data resources, not " + total + ".");
    }
    for (EventSelector selector : selectors) {
      for (String source : selector.excludeManagementEventSources()) {
        if (!EXCLUDABLE_SOURCES.contains(source)) {
          throw CloudTrailErrors.invalidEventSelectors(
              "Value " + source + " for ExcludeManagementEventSources is not valid.");
        }
      }
    }
  }
}
