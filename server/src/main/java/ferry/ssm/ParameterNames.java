package ferry.ssm;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * AWS's rules for parameter names and paths.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-parameter-name-constraints.html">Parameter
 *     name requirements</a>
 */
final class ParameterNames {
  /** A name's ARN may be at most this long. */
  static final int MAX_ARN_LENGTH = 1011;

  static final int MAX_LEVELS = 15;

  private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9_.\\-/]+");

  private static final String RULES =
      "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). If formed as"
          + " a path, it can consist of sub-paths divided by slash symbol; each sub-path can be"
          + " formed as a mix of letters, numbers and the following 3 symbols .-_";

  private static final String PATH_RULES =
      "The parameter doesn't meet the parameter name requirements. The parameter name must begin"
          + " with a forward slash \"/\". It can't be prefixed with \"aws\" or \"ssm\""
          + " (case-insensitive). It must use only letters, numbers, or the following symbols: ."
          + " (period), - (hyphen), _ (underscore). Special characters are not allowed. All"
          + " sub-paths, if specified, must use the forward slash symbol \"/\". Valid example:"
          + " /get/parameters2-/by1./path0_.";

  private ParameterNames() {}

  /** The name a PutParameter may create: AWS's ValidationException for each broken rule. */
  static void checkNew(String name, String arn) {
    if (name.isEmpty()) {
      throw SsmErrors.validation(
          "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member"
              + " must have length greater than or equal to 1");
    }
    if (!CHARACTERS.matcher(name).matches() || isReserved(name)) {
      throw SsmErrors.validation(RULES);
    }
    if (name.contains("/") && !name.startsWith("/")) {
      throw SsmErrors.validation("Parameter name must be a fully qualified name.");
    }
    if (name.contains("//") || (name.length() > 1 && name.endsWith("/")) || name.equals("/")) {
      throw SsmErrors.validation(RULES);
    }
    if (levels(name) > MAX_LEVELS) {
      throw SsmErrors.hierarchyLevelLimitExceeded();
    }
    if (arn.length() > MAX_ARN_LENGTH) {
      throw SsmErrors.validation(
          "Parameter name: the parameter's ARN is "
              + arn.length()
              + " characters long; an ARN can be at most "
              + MAX_ARN_LENGTH
              + " characters long.");
    }
  }

  /**
   * A path GetParametersByPath may read: {@code /} or {@code /a/b}, with or without a last slash.
   */
  static String checkPath(String path) {
    if (!path.startsWith("/") || !CHARACTERS.matcher(path).matches() || path.contains("//")) {
      throw SsmErrors.validation(PATH_RULES);
    }
    if (levels(path) > MAX_LEVELS) {
      throw SsmErrors.hierarchyLevelLimitExceeded();
    }
    return path.endsWith("/") ? path : path + "/";
  }

  private static boolean isReserved(String name) {
    String bare = (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    return bare.startsWith("aws") || bare.startsWith("ssm");
  }

  private static int levels(String name) {
    return (int) name.chars().filter(c -> c == '/').count();
  }
}
