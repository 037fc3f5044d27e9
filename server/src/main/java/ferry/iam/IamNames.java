package ferry.iam;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * IAM's rules for names, paths and other inputs, checked before anything is stored.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html">IAM
 *     name requirements</a>
 */
public final class IamNames {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]+");
  private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E&&[^/]][\\x21-\\x7E]*/");

  private IamNames() {}

  public static void userName(String name) {
    name("userName", name, 64);
  }

  public static void roleName(String name) {
    name("roleName", name, 64);
  }

  public static void groupName(String name) {
    name("groupName", name, 128);
  }

  public static void instanceProfileName(String name) {
    name("instanceProfileName", name, 128);
  }

  public static void policyName(String name) {
    name("policyName", name, 128);
  }

  /** Path prefixes and paths: {@code /} or {@code /a/b/}, at most 512 characters. */
  public static String path(@Nullable String path) {
    if (path == null) {
      return "/";
    }
    if (path.length() > 512) {
      throw IamErrors.constraint("path", path, "Member must have length less than or equal to 512");
    }
    if (!PATH.matcher(path).matches() || path.contains("//")) {
      throw IamErrors.validation(
          "The specified value for path is invalid. It must begin and end with / and contain"
              + " only alphanumeric characters and/or / characters.");
    }
    return path;
  }

  public static String pathPrefix(@Nullable String prefix) {
    if (prefix == null) {
      return "/";
    }
    if (!prefix.startsWith("/")) {
      throw IamErrors.validation(
          "The specified value for pathPrefix is invalid. It must begin with / and contain only"
              + " alphanumeric characters and/or / characters.");
    }
    return prefix;
  }

  private static void name(String field, String name, int max) {
    if (name.isEmpty()) {
      throw IamErrors.constraint(field, name, "Member must have length greater than or equal to 1");
    }
    if (name.length() > max) {
      throw IamErrors.constraint(
          field, name, "Member must have length less than or equal to " + max);
    }
    if (!NAME.matcher(name).matches()) {
      throw IamErrors.constraint(
          field, name, "Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }
  }

  public static void description(@Nullable String description) {
    if (description != null && description.length() > 1000) {
      throw IamErrors.constraint(
          "description", description, "Member must have length less than or equal to 1000");
    }
  }

  /** A role's MaxSessionDuration: 3600 (the default) to 43200 seconds. */
  public static int maxSessionDuration(@Nullable Integer seconds) {
    if (seconds == null) {
      return 3600;
    }
    if (seconds < 3600) {
      throw IamErrors.constraint(
          "maxSessionDuration",
          seconds.toString(),
          "Member must have value greater than or equal to 3600");
    }
    if (seconds > 43200) {
      throw IamErrors.constraint(
          "maxSessionDuration",
          seconds.toString(),
          "Member must have value less than or equal to 43200");
    }
    return seconds;
  }
}
