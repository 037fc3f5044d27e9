package ferry.s3;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A bucket: its owner, region, versioning state and Object Ownership setting. */
public record Bucket(
    String name,
    AccountId owner,
    Region region,
    Instant created,
    @Nullable Versioning versioning,
    ObjectOwnership ownership) {

  public String arn() {
    return "arn:aws:s3:::" + name;
  }

  public String objectArn(String key) {
    return "arn:aws:s3:::" + name + "/" + key;
  }

  public boolean isVersioningEnabled() {
    return versioning == Versioning.ENABLED;
  }
}
