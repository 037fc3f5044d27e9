package ferry.ssm;

import ferry.aws.AccountId;
import ferry.aws.Region;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One version of a parameter. {@code value} is what is stored (a SecureString's KMS ciphertext,
 * base64) or, in a result read with decryption, the plaintext; {@link #toString()} never shows it.
 *
 * @param keyId the key a SecureString is encrypted under, as the request named it
 * @param lastModifiedUser the ARN of the caller that wrote this version
 */
public record Parameter(
    AccountId account,
    Region region,
    String name,
    long version,
    ParameterType type,
    String value,
    @Nullable String keyId,
    @Nullable String description,
    @Nullable String allowedPattern,
    String tier,
    String dataType,
    Instant lastModified,
    String lastModifiedUser) {

  public String arn() {
    return arn(region, account, name);
  }

  /** {@code arn:aws:ssm:REGION:ACCOUNT:parameter/NAME}, with one slash whether NAME has one. */
  public static String arn(Region region, AccountId account, String name) {
    return "arn:aws:ssm:"
        + region.name()
        + ":"
        + account.value()
        + ":parameter"
        + (name.startsWith("/") ? name : "/" + name);
  }

  /** The same version with another value shown: the plaintext of a SecureString. */
  public Parameter withValue(String shown) {
    return new Parameter(
        account,
        region,
        name,
        version,
        type,
        shown,
        keyId,
        description,
        allowedPattern,
        tier,
        dataType,
        lastModified,
        lastModifiedUser);
  }

  @Override
  public String toString() {
    return "Parameter[" + arn() + ", version " + version + ", " + type.wireName() + "]";
  }
}
