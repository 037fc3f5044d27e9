package ferry.cloudformation.resource;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Physical names as CloudFormation generates them: {@code stack-LogicalId-RANDOM}, the stack name
 * and logical id shortened (the stack name first) so the whole fits the type's maximum length.
 * Bucket names are the same, lower-cased by their handler.
 */
public final class GeneratedName {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int SUFFIX_LENGTH = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private GeneratedName() {}

  public static String of(String stackName, String logicalId, int maxLength) {
    var suffix = new StringBuilder(SUFFIX_LENGTH);
    for (int i = 0; i < SUFFIX_LENGTH; i++) {
      suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    int room = maxLength - SUFFIX_LENGTH - 2;
    String logical =
        logicalId.substring(
            0, Math.min(logicalId.length(), Math.max(room / 2, room - stackName.length())));
    String stack = stackName.substring(0, Math.min(stackName.length(), room - logical.length()));
    return stack + "-" + logical + "-" + suffix;
  }

  public static String lowerCase(String stackName, String logicalId, int maxLength) {
    return of(stackName, logicalId, maxLength).toLowerCase(Locale.ROOT);
  }
}
