package ferry.kms;

import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.Region;
import java.util.regex.Pattern;

/**
 * A {@code KeyId} as a caller writes it: a key id, a key ARN, an alias name or an alias ARN. Key
 * ids and alias names are resolved in the caller's own account and region, as in AWS.
 */
public sealed interface KeyIdentifier {
  Pattern KEY_ID =
      Pattern.compile(
          "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(mrk-[0-9a-f]{32})");

  /** {@code 1234abcd-…} or {@code mrk-…} in the caller's account and region. */
  record KeyId(String keyId) implements KeyIdentifier {}

  /** {@code arn:aws:kms:REGION:ACCOUNT:key/ID}. */
  record KeyArn(AccountId account, Region region, String keyId) implements KeyIdentifier {}

  /** {@code alias/NAME} in the caller's account and region. */
  record AliasName(String name) implements KeyIdentifier {}

  /** {@code arn:aws:kms:REGION:ACCOUNT:alias/NAME}. */
  record AliasArn(AccountId account, Region region, String name) implements KeyIdentifier {}

  static boolean isKeyId(String text) {
    return KEY_ID.matcher(text).matches();
  }

  /**
   * Reads a KeyId.
   *
   * @throws ferry.aws.AwsException NotFoundException when it is none of the four forms
   */
  static KeyIdentifier parse(String text) {
    if (text.startsWith("alias/")) {
      return new AliasName(text);
    }
    if (text.startsWith("arn:")) {
      if (!Arn.isArn(text)) {
        throw KmsErrors.invalidArn(text);
      }
      Arn arn = Arn.parse(text);
      if (!arn.service().equals("kms")
          || arn.region().isEmpty()
          || !AccountId.isValid(arn.account())) {
        throw KmsErrors.invalidArn(text);
      }
      AccountId account = AccountId.of(arn.account());
      Region region = Region.of(arn.region());
      String resource = arn.resource();
      if (resource.startsWith("key/") && isKeyId(resource.substring(4))) {
        return new KeyArn(account, region, resource.substring(4));
      }
      if (resource.startsWith("alias/") && resource.length() > 6) {
        return new AliasArn(account, region, resource);
      }
      throw KmsErrors.invalidArn(text);
    }
    if (isKeyId(text)) {
      return new KeyId(text);
    }
    throw KmsErrors.invalidKeyId(text);
  }
}
