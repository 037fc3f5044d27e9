package ferry.cloudtrail;

import com.fasterxml.jackson.databind.node.ArrayNode;
import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.Caller;
import ferry.cloudtrail.store.EventRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CloudTrail's event history: the calls recorded in the caller's own account, looked up by one
 * attribute, newest first, and swept once older than the retention (90 days by default, as in AWS).
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html">LookupEvents</a>
 */
public final class CloudTrailService {
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  private static final int MAX_RESULTS = 50;
  private static final Map<String, String> COLUMNS =
      Map.of(
          "EventId", "event_id",
          "EventName", "event_name",
          "ReadOnly", "read_only",
          "Username", "username",
          "ResourceType", "resource_type",
          "ResourceName", "resource_name",
          "EventSource", "event_source",
          "AccessKeyId", "access_key_id");

  private final EventRepository events;
  private final Authorizer authorizer;
  private final Clock clock;
  private final Duration retention;

  public CloudTrailService(
      EventRepository events, Authorizer authorizer, Clock clock, Duration retention) {
    this.events = events;
    this.authorizer = authorizer;
    this.clock = clock;
    this.retention = retention;
  }

  public LookupEventsResult lookupEvents(Caller caller, LookupEventsRequest request) {
    EventRepository.Filter filter = null;
    if (request.attributeKey() != null) {
      String column = COLUMNS.get(request.attributeKey());
      if (column == null) {
        throw CloudTrailErrors.invalidLookupAttributes(
            "Invalid attribute key: " + request.attributeKey());
      }
      String value = request.attributeValue();
      if (value == null || value.isEmpty()) {
        throw CloudTrailErrors.invalidLookupAttributes(
            "AttributeValue of " + request.attributeKey() + " must not be empty");
      }
      filter = new EventRepository.Filter(column, value);
    }
    Integer max = request.maxResults();
    if (max != null && (max < 1 || max > MAX_RESULTS)) {
      throw CloudTrailErrors.invalidMaxResults();
    }
    Instant start = request.startTime() == null ? Instant.EPOCH : request.startTime();
    Instant end =
        request.endTime() == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : request.endTime();
    if (start.isAfter(end)) {
      throw CloudTrailErrors.invalidTimeRange();
    }
    EventRepository.Cursor after = cursor(request.nextToken());
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of("cloudtrail:LookupEvents", "*", caller.account()));
    if (!verdict.allowed()) {
      throw CloudTrailErrors.accessDenied(verdict);
    }
    int limit = max == null ? MAX_RESULTS : max;
    List<TrailEvent> page =
        events.find(caller.account().value(), filter, start, end, after, limit + 1);
    if (page.size() <= limit) {
      return new LookupEventsResult(page, null);
    }
    List<TrailEvent> shown = page.subList(0, limit);
    TrailEvent last = shown.getLast();
    return new LookupEventsResult(List.copyOf(shown), token(last));
  }

  /** The resources of a listed event, as its record names them. */
  public static ArrayNode resourcesOf(TrailEvent event) {
    return EventRecords.resourcesOf(event.record());
  }

  /** Removes the events older than the retention; returns how many. */
  public int sweep() {
    return events.sweep(clock.instant().minus(retention));
  }

  private static String token(TrailEvent last) {
    String plain = last.eventTime().toEpochMilli() + ":" + last.eventId();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static EventRepository.@Nullable Cursor cursor(@Nullable String token) {
    if (token == null) {
      return null;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      return new EventRepository.Cursor(
          Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
          plain.substring(colon + 1));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw CloudTrailErrors.invalidNextToken();
    }
  }
}
