package ferry.kms;

import ferry.aws.Caller;
import ferry.kms.KeyMaterial.RotationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Key rotation: EnableKeyRotation, DisableKeyRotation, GetKeyRotationStatus, RotateKeyOnDemand,
 * ListKeyRotations. A rotation adds new material that encrypts from then on; every older material
 * stays to decrypt the ciphertexts that name it. Automatic rotation happens when the key is used
 * after its date has passed on the service's clock.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html">Rotating
 *     KMS keys</a>
 */
public final class KmsRotations {
  static final int DEFAULT_PERIOD_DAYS = 365;
  private static final int MIN_PERIOD_DAYS = 90;
  private static final int MAX_PERIOD_DAYS = 2560;
  private static final int MAX_ON_DEMAND_ROTATIONS = 25;
  private static final String ROTATIONS_ONLY = "ROTATIONS_ONLY";
  private static final String ALL_KEY_MATERIAL = "ALL_KEY_MATERIAL";

  /** One entry of ListKeyRotations: a material, and whether it is the one that encrypts. */
  public record RotationEntry(KeyMaterial material, boolean current) {}

  private final KeyAccess access;

  KmsRotations(KeyAccess access) {
    this.access = access;
  }

  /** Turns on automatic rotation every {@code rotationPeriodInDays} (365 when not given). */
  public void enableKeyRotation(
      Caller caller, String keyId, @Nullable Integer rotationPeriodInDays) {
    int days = rotationPeriodInDays == null ? DEFAULT_PERIOD_DAYS : rotationPeriodInDays;
    if (days < MIN_PERIOD_DAYS || days > MAX_PERIOD_DAYS) {
      throw KmsErrors.constraint(
          "rotationPeriodInDays",
          Integer.toString(days),
          days < MIN_PERIOD_DAYS
              ? "Member must have value greater than or equal to " + MIN_PERIOD_DAYS
              : "Member must have value less than or equal to " + MAX_PERIOD_DAYS);
    }
    KmsKey key = access.resolve(caller, keyId, "EnableKeyRotation");
    var check = access.keyAccess(caller, "EnableKeyRotation", key, Map.of());
    if (rotationPeriodInDays != null) {
      check = check.withContext("kms:RotationPeriodInDays", Integer.toString(days));
    }
    access.require(caller, "EnableKeyRotation", key, check, Map.of());
    requireRotatable(key, "EnableKeyRotation");
    Instant now = access.clock.instant();
    access.change(
        key,
        stored -> {
          requireRotatable(stored, "EnableKeyRotation");
          // A new period counts from the last scheduled date, as changing it in AWS does.
          KmsKey.KeyRotation current = stored.rotation();
          Instant from =
              current == null
                  ? now
                  : current.nextRotation().minus(Duration.ofDays(current.periodDays()));
          return stored.withRotation(
              new KmsKey.KeyRotation(days, from.plus(Duration.ofDays(days))));
        });
  }

  public void disableKeyRotation(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "DisableKeyRotation");
    access.authorize(caller, "DisableKeyRotation", key);
    requireRotatable(key, "DisableKeyRotation");
    access.change(
        key,
        stored -> {
          requireRotatable(stored, "DisableKeyRotation");
          return stored.withRotation(null);
        });
  }

  /**
   * Whether automatic rotation is on; a replica answers with its primary's schedule, and a key
   * pending deletion with false (its schedule comes back if the deletion is cancelled).
   */
  public KeyRotationStatus getKeyRotationStatus(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "GetKeyRotationStatus");
    access.authorize(caller, "GetKeyRotationStatus", key);
    KmsKey schedule = key;
    if (key.multiRegion() && !key.isPrimary() && key.primaryRegion() != null) {
      schedule = access.findKey(key.account(), key.primaryRegion(), key.keyId()).orElse(key);
    }
    KmsKey.KeyRotation rotation = schedule.rotation();
    if (rotation == null || key.state() == KeyState.PENDING_DELETION) {
      return new KeyRotationStatus(key.keyId(), false, null, null);
    }
    return new KeyRotationStatus(key.keyId(), true, rotation.periodDays(), rotation.nextRotation());
  }

  /**
   * Rotates the key's material now; the automatic schedule, if any, is unchanged. Ferry completes
   * the rotation before it answers, so GetKeyRotationStatus never shows one in progress.
   *
   * @return the key's id
   */
  public String rotateKeyOnDemand(Caller caller, String keyId) {
    KmsKey key = access.resolve(caller, keyId, "RotateKeyOnDemand");
    access.authorize(caller, "RotateKeyOnDemand", key);
    requireRotatable(key, "RotateKeyOnDemand");
    access
        .rotate(
            key,
            RotationType.ON_DEMAND,
            (stored, onDemand) -> {
              requireRotatable(stored, "RotateKeyOnDemand");
              if (onDemand >= MAX_ON_DEMAND_ROTATIONS) {
                throw KmsErrors.limitExceeded(
                    stored.arn()
                        + " has been rotated on demand "
                        + MAX_ON_DEMAND_ROTATIONS
                        + " times, the most a key may be.");
              }
              return stored;
            })
        .orElseThrow(() -> KmsErrors.keyNotFound(key.arn()));
    return key.keyId();
  }

  /**
   * The materials rotations added to the key, oldest first; with {@code ALL_KEY_MATERIAL} the first
   * material too. The marker is the number of the last material of the previous page.
   */
  public Page<RotationEntry> listKeyRotations(
      Caller caller,
      String keyId,
      @Nullable String includeKeyMaterial,
      @Nullable Integer limit,
      @Nullable String marker) {
    String include = includeKeyMaterial == null ? ROTATIONS_ONLY : includeKeyMaterial;
    if (!include.equals(ROTATIONS_ONLY) && !include.equals(ALL_KEY_MATERIAL)) {
      throw KmsErrors.constraint(
          "includeKeyMaterial",
          include,
          "Member must satisfy enum value set: [" + ALL_KEY_MATERIAL + ", " + ROTATIONS_ONLY + "]");
    }
    int size = Page.limit(limit, 1000);
    int after = -1;
    if (marker != null) {
      try {
        after = Integer.parseInt(marker);
      } catch (NumberFormatException e) {
        throw KmsErrors.invalidMarker();
      }
    }
    KmsKey key = access.resolve(caller, keyId, "ListKeyRotations");
    access.authorize(caller, "ListKeyRotations", key);
    List<KeyMaterial> found = new ArrayList<>();
    if (include.equals(ALL_KEY_MATERIAL) && after < 0) {
      found.add(new KeyMaterial(key.account(), key.keyId(), 0, key.wrappedMaterial(), null, null));
    }
    found.addAll(access.keys.materials(key.account(), key.keyId(), Math.max(after, 0), size + 1));
    List<RotationEntry> entries =
        found.stream().map(m -> new RotationEntry(m, m.number() == key.currentMaterial())).toList();
    return Page.of(entries, size, e -> Integer.toString(e.material().number()));
  }

  /**
   * Rotation is the customer's to set on an enabled customer managed key, on the primary of a
   * multi-Region key.
   */
  private static void requireRotatable(KmsKey key, String operation) {
    if (key.manager() == KeyManager.AWS) {
      throw KmsErrors.unsupportedOperation(
          key.arn()
              + " is an AWS managed key: AWS rotates its material every year, and "
              + operation
              + " cannot change that.");
    }
    if (key.multiRegion() && !key.isPrimary()) {
      throw KmsErrors.unsupportedOperation(
          key.arn()
              + " is a multi-Region replica key; "
              + operation
              + " works on its primary key in "
              + key.primaryRegion()
              + ".");
    }
    KeyAccess.requireUsable(key);
  }
}
