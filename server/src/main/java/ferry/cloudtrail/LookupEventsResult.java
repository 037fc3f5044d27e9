package ferry.cloudtrail;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A page of events, newest first, and the token of the next page if there is one. */
public record LookupEventsResult(List<TrailEvent> events, @Nullable String nextToken) {}
