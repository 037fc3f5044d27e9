package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;

/** An alias such as {@code alias/s3deploykey}, naming one key of its own account and region. */
public record KmsAlias(
    AccountId account,
    Region region,
    String name,
    String targetKeyId,
    Instant created,
    Instant lastUpdated) {

  public String arn() {
    return "arn:aws:kms:" + region + ":" + account + ":" + name;
  }
}
