package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.List;

/**
 * An IAM instance profile: {@code instanceProfileId} is its AIPA… unique id; it holds at most one
 * role.
 */
public record InstanceProfile(
    AccountId account,
    String path,
    String name,
    String instanceProfileId,
    Instant created,
    List<Role> roles) {

  public InstanceProfile {
    roles = List.copyOf(roles);
  }

  public String arn() {
    return "arn:aws:iam::" + account + ":instance-profile" + path + name;
  }
}
