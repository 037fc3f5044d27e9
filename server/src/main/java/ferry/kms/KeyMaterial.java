package ferry.kms;

import ferry.aws.AccountId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Key material a rotation added to a key: number 1, 2, … (the key's first material is number 0 and
 * stays with the key, and has no rotation date or type).
 *
 * @param wrappedMaterial the material encrypted under the server master key, base64
 */
public record KeyMaterial(
    AccountId account,
    String keyId,
    int number,
    String wrappedMaterial,
    @Nullable Instant rotationDate,
    @Nullable RotationType rotationType) {

  /** The model's {@code RotationType}. */
  public enum RotationType {
    AUTOMATIC,
    ON_DEMAND
  }

  /** The model's {@code KeyMaterialId}. */
  public String materialId() {
    return materialId(wrappedMaterial);
  }

  /**
   * A material's {@code KeyMaterialId}: 64 hex digits, as AWS's, derived from the wrapped form so
   * that it says nothing about the material itself.
   */
  public static String materialId(String wrappedMaterial) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(wrappedMaterial.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
