package ferry.kms;

import ferry.aws.Region;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** ReplicateKey's input: a replica of a multi-Region primary key in {@code replicaRegion}. */
public record ReplicateKeyRequest(
    String keyId,
    Region replicaRegion,
    @Nullable String policy,
    @Nullable String description,
    List<Tag> tags,
    boolean bypassPolicyLockoutSafetyCheck) {
  public ReplicateKeyRequest {
    tags = List.copyOf(tags);
  }
}
