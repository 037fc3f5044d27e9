package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An IAM user: {@code userId} is its AIDA… unique id, {@code path} {@code /} or {@code /a/b/}.
 *
 * @param permissionsBoundary the ARN of the managed policy that caps its permissions, if any
 */
public record User(
    AccountId account,
    String path,
    String name,
    String userId,
    @Nullable String permissionsBoundary,
    Instant created) {

  public String arn() {
    return "arn:aws:iam::" + account + ":user" + path + name;
  }
}
