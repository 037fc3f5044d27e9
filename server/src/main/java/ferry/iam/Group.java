package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;

/** An IAM group: {@code groupId} is its AGPA… unique id. */
public record Group(AccountId account, String path, String name, String groupId, Instant created) {

  public String arn() {
    return "arn:aws:iam::" + account + ":group" + path + name;
  }
}
