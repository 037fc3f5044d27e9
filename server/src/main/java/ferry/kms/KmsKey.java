package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A symmetric KMS key in one account and region. A multi-Region key and its replicas share the key
 * id and the key material; {@code primaryRegion} names the region of the primary.
 *
 * @param wrappedMaterial the key's first material encrypted under the server master key, base64
 * @param rotation automatic rotation, or null when it is off
 * @param currentMaterial the number of the newest material (0 for the first), which encrypts
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
    String wrappedMaterial,
    @Nullable KeyRotation rotation,
    int currentMaterial) {

  /** Automatic rotation every {@code periodDays}, the next one due at {@code nextRotation}. */
  public record KeyRotation(int periodDays, Instant nextRotation) {}

  public KmsKey {
    tags = List.copyOf(tags);
  }

  /** A new key: first material only, automatic rotation off. */
  public KmsKey(
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
    this(
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
        policy,
        tags,
        wrappedMaterial,
        null,
        0);
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

  /** The label of material {@code number}: rotated materials are bound to their number too. */
  public static String materialLabel(AccountId account, String keyId, int number) {
    return number == 0
        ? materialLabel(account, keyId)
        : materialLabel(account, keyId) + ":" + number;
  }

  public boolean isPrimary() {
    return multiRegion && region.equals(primaryRegion);
  }

  public KmsKey withState(
      KeyState newState, @Nullable Instant newDeletionDate, @Nullable Integer newWindow) {
    return with(change -> {
      change.state = newState;
      change.deletionDate = newDeletionDate;
      change.pendingWindowDays = newWindow;
    });
  }

  public KmsKey withDescription(String newDescription) {
    return with(change -> change.description = newDescription);
  }

  public KmsKey withPolicy(String newPolicy) {
    return with(change -> change.policy = newPolicy);
  }

  public KmsKey withTags(List<Tag> newTags) {
    return with(change -> change.tags = newTags);
  }

  public KmsKey withRotation(@Nullable KeyRotation newRotation) {
    return with(change -> change.rotation = newRotation);
  }

  public KmsKey withCurrentMaterial(int number) {
    return with(change -> change.currentMaterial = number);
  }

  /**
   * The one way to derive a changed key, so each with… method names only what it changes and a new
   * component is copied here alone. What identifies a key (account, region, id, manager, creation,
   * multi-Region role, first material) never changes.
   */
  private KmsKey with(Consumer<Change> edit) {
    var change = new Change(this);
    edit.accept(change);
    return new KmsKey(
        account,
        region,
        keyId,
        change.description,
        change.state,
        manager,
        created,
        change.deletionDate,
        change.pendingWindowDays,
        multiRegion,
        primaryRegion,
        change.policy,
        change.tags,
        wrappedMaterial,
        change.rotation,
        change.currentMaterial);
  }

  /** What can change about a key, starting from its current values. */
  private static final class Change {
    String description;
    KeyState state;
    @Nullable Instant deletionDate;
    @Nullable Integer pendingWindowDays;
    String policy;
    List<Tag> tags;
    @Nullable KeyRotation rotation;
    int currentMaterial;

    Change(KmsKey key) {
      description = key.description;
      state = key.state;
      deletionDate = key.deletionDate;
      pendingWindowDays = key.pendingWindowDays;
      policy = key.policy;
      tags = key.tags;
      rotation = key.rotation;
      currentMaterial = key.currentMaterial;
    }
  }
}
