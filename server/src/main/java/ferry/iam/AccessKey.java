package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A long-term access key: the root user's when {@code userName} is null, else an IAM user's.
 *
 * @param active Active or Inactive, as UpdateAccessKey sets it
 */
public record AccessKey(
    String accessKeyId,
    String secretAccessKey,
    AccountId account,
    @Nullable String userName,
    boolean active,
    Instant created) {}
