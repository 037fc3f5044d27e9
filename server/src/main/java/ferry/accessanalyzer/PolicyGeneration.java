package ferry.accessanalyzer;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One policy generation job and its result.
 *
 * @param trails the CloudTrailDetails' trails as the request named them (a JSON array), if any
 * @param policy the generated policy; null when the principal did nothing in the time range
 */
public record PolicyGeneration(
    String accountId,
    String jobId,
    String principalArn,
    Status status,
    Instant startedOn,
    @Nullable Instant completedOn,
    Instant startTime,
    Instant endTime,
    @Nullable String trails,
    @Nullable String policy) {

  /** The model's JobStatus. */
  public enum Status {
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    CANCELED
  }
}
