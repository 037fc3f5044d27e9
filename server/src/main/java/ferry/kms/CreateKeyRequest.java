package ferry.kms;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** CreateKey's input; a null {@code policy} gives the default key policy. */
public record CreateKeyRequest(
    @Nullable String policy,
    String description,
    String keyUsage,
    String keySpec,
    List<Tag> tags,
    boolean multiRegion,
    boolean bypassPolicyLockoutSafetyCheck) {

  public CreateKeyRequest {
    tags = List.copyOf(tags);
  }

  /** A symmetric encryption key with the default policy. */
  public static CreateKeyRequest symmetric(String description) {
    return new CreateKeyRequest(
        null, description, "ENCRYPT_DECRYPT", "SYMMETRIC_DEFAULT", List.of(), false, false);
  }

  public CreateKeyRequest withPolicy(@Nullable String newPolicy) {
    return new CreateKeyRequest(
        newPolicy,
        description,
        keyUsage,
        keySpec,
        tags,
        multiRegion,
        bypassPolicyLockoutSafetyCheck);
  }

  public CreateKeyRequest withMultiRegion(boolean value) {
    return new CreateKeyRequest(
        policy, description, keyUsage, keySpec, tags, value, bypassPolicyLockoutSafetyCheck);
  }

  public CreateKeyRequest withTags(List<Tag> newTags) {
    return new CreateKeyRequest(
        policy,
        description,
        keyUsage,
        keySpec,
        newTags,
        multiRegion,
        bypassPolicyLockoutSafetyCheck);
  }
}
