package ferry.cloudtrail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * LookupEvents' input: at most one lookup attribute, a time range, a page size and where the last
 * page ended.
 *
 * @param attributeKey EventId, EventName, ReadOnly, Username, ResourceType, ResourceName,
 *     EventSource or AccessKeyId; null for every event
 */
public record LookupEventsRequest(
    @Nullable String attributeKey,
    @Nullable String attributeValue,
    @Nullable Instant startTime,
    @Nullable Instant endTime,
    @Nullable Integer maxResults,
    @Nullable String nextToken) {}
