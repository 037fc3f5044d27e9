package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An IAM user: {@code userId} is its AIDA… unique id, {@code path} {@code /} or {@code /a/b/}.
 *
 * @param permissionsBoundary the ARN of the managed policy that caps its permissions, if any
 * @param tags its tags, in the order they were given
 */
public record User(
    AccountId account,
    String path,
    String name,
    String userId,
    @Nullable String permissionsBoundary,
    Instant created,
    Map<String, String> tags) {

  public User {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A user without tags. */
  public User(
      AccountId account,
      String path,
      String name,
      String userId,
      @Nullable String permissionsBoundary,
      Instant created) {
    this(account, path, name, userId, permissionsBoundary, created, Map.of());
  }

  public User withTags(Map<String, String> other) {
    return new User(account, path, name, userId, permissionsBoundary, created, other);
  }

  public String arn() {
    return "arn:aws:iam::" + account + ":user" + path + name;
  }
}
