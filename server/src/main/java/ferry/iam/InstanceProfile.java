package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM instance profile: {@code instanceProfileId} is its AIPA… unique id; it holds at most one
 * role; {@code tags} are in the order they were given.
 */
public record InstanceProfile(
    AccountId account,
    String path,
    String name,
    String instanceProfileId,
    Instant created,
    List<Role> roles,
    Map<String, String> tags) {

  public InstanceProfile {
    roles = List.copyOf(roles);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public String arn() {
    return "arn:aws:iam::" + account + ":instance-profile" + path + name;
  }
}
