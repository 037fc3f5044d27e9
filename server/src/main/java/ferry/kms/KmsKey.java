package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A symmetric KMS key in one account and region. A multi-Region key and its replicas share the key
 * id and the key material; {@code primaryRegion} names the region of the primary.
 *
 * @param wrappedMaterial the key material encrypted under the server master key, base64
 */
public record KmsKey(
    AccountId account,
    Region region,
    String keyId,
    String description,
    KeyState state,
    KeyManager manager,
    Instant created,
    @Nullable Instant deletionDate,
    @Nullable Integer pendingWindowDays,
    boolean multiRegion,
    @Nullable Region primaryRegion,
    String policy,
    List<Tag> tags,
    String wrappedMaterial) {

  public KmsKey {
    tags = List.copyOf(tags);
  }

  public static String arn(AccountId account, Region region, String keyId) {
    return "arn:aws:kms:" + region + ":" + account + ":key/" + keyId;
  }

  public String arn() {
    return arn(account, region, keyId);
  }

  /**
   * What the wrapped material is bound to when it is wrapped under the master key: the same for a
   * multi-Region key in every region.
   */
  public String materialLabel() {
    return materialLabel(account, keyId);
  }

  public static String materialLabel(AccountId account, String keyId) {
    return "kms-key-material:" + account + ":" + keyId;
  }

  public boolean isPrimary() {
    return multiRegion && region.equals(primaryRegion);
  }

  public KmsKey withState(
      KeyState newState, @Nullable Instant newDeletionDate, @Nullable Integer newWindow) {
    return new KmsKey(
        account,
        region,
        keyId,
        description,
        newState,
        manager,
        created,
        newDeletionDate,
        newWindow,
        multiRegion,
        primaryRegion,
        policy,
        tags,
        wrappedMaterial);
  }

  public KmsKey withPolicy(String newPolicy) {
    return new KmsKey(
        account,
        region,
        keyId,
        description,
        state,
        manager,
        created,
        deletionDate,
        pendingWindowDays,
        multiRegion,
        primaryRegion,
        newPolicy,
        tags,
        wrappedMaterial);
  }
}
