package ferry.ssm;

import ferry.aws.Caller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The filters of GetParametersByPath and DescribeParameters, and their pages: a page's token is the
 * last name (or version) it holds, opaque to the client.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ParameterStringFilter.html">ParameterStringFilter</a>
 */
final class ParameterFilters {
  private static final Set<String> PATH_KEYS = Set.of("Type", "KeyId", "Label", "Tier", "DataType");
  private static final Set<String> DESCRIBE_KEYS =
      Set.of("Name", "Type", "KeyId", "Path", "Label", "Tier", "DataType");
  private static final Set<String> OLD_KEYS = Set.of("Name", "Type", "KeyId");

  private ParameterFilters() {}

  static int maxResults(@Nullable Integer requested, int max) {
    if (requested == null) {
      return Math.min(10, max);
    }
    if (requested < 1) {
      throw SsmErrors.outOfRange("maxResults", requested, "have value greater than or equal to 1");
    }
    if (requested > max) {
      throw SsmErrors.outOfRange(
          "maxResults", requested, "have value less than or equal to " + max);
    }
    return requested;
  }

  static void checkForPath(List<ParameterFilter> filters) {
    for (ParameterFilter filter : filters) {
      if (!filter.key().startsWith("tag:") && !PATH_KEYS.contains(filter.key())) {
        throw SsmErrors.invalidFilterKey(
            "The following filter key is not valid: "
                + filter.key()
                + ". Valid filter keys include: [Type, KeyId, Label, Tier, DataType, tag:<key>].");
      }
      checkOption(filter);
    }
  }

  /** {@code legacy}: DescribeParameters' old {@code Filters}, of Name, Type and KeyId only. */
  static void checkForDescribe(List<ParameterFilter> filters, boolean legacy) {
    for (ParameterFilter filter : filters) {
      boolean known =
          legacy
              ? OLD_KEYS.contains(filter.key())
              : filter.key().startsWith("tag:") || DESCRIBE_KEYS.contains(filter.key());
      if (!known) {
        throw SsmErrors.invalidFilterKey(
            "The following filter key is not valid: "
                + filter.key()
                + ". Valid filter keys include: "
                + (legacy
                    ? "[Name, Type, KeyId]."
                    : "[Name, Type, KeyId, Path, Label, Tier, DataType, tag:<key>]."));
      }
      checkOption(filter);
      if (filter.values().isEmpty() && !filter.key().startsWith("tag:")) {
        throw SsmErrors.invalidFilterValue(
            "The following filter values are missing : null for filter key " + filter.key() + ".");
      }
    }
  }

  private static void checkOption(ParameterFilter filter) {
    String option = filter.option();
    if (option == null) {
      return;
    }
    Set<String> options =
        switch (filter.key()) {
          case "Name" -> Set.of("Equals", "BeginsWith", "Contains");
          case "Path" -> Set.of("OneLevel", "Recursive");
          default -> filter.key().startsWith("tag:") ? Set.of("Equals") : Set.of("Equals");
        };
    if (!options.contains(option)) {
      throw SsmErrors.invalidFilterOption(
          "The following filter option is not valid: "
              + option
              + ". Valid options include: "
              + options.stream().sorted().toList()
              + ".");
    }
  }

  static boolean matchesAll(
      List<ParameterFilter> filters, Parameter parameter, SsmAccess access, Caller caller) {
    for (ParameterFilter filter : filters) {
      if (!matches(filter, parameter, access, caller)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(
      ParameterFilter filter, Parameter parameter, SsmAccess access, Caller caller) {
    List<String> values = filter.values();
    String key = filter.key();
    if (key.startsWith("tag:")) {
      String tagKey = key.substring("tag:".length());
      return access.parameters.tags(caller.account(), caller.region(), parameter.name()).stream()
          .anyMatch(tag ->
              tag.key().equals(tagKey) && (values.isEmpty() || values.contains(tag.value())));
    }
    return switch (key) {
      case "Name" ->
          values.stream().anyMatch(value -> matchesName(filter.option(), parameter, value));
      case "Type" -> values.contains(parameter.type().wireName());
      case "KeyId" -> parameter.keyId() != null && values.contains(parameter.keyId());
      case "Tier" -> values.contains(parameter.tier());
      case "DataType" -> values.contains(parameter.dataType());
      case "Path" ->
          values.stream().anyMatch(value -> underPath(filter.option(), parameter, value));
      // No version has a label: Ferry refuses LabelParameterVersion.
      default -> false;
    };
  }

  private static boolean matchesName(@Nullable String option, Parameter parameter, String value) {
    String name = withSlash(parameter.name());
    String wanted = withSlash(value);
    return switch (option == null ? "Equals" : option) {
      case "BeginsWith" -> name.startsWith(wanted);
      case "Contains" -> parameter.name().contains(value);
      default -> name.equals(wanted);
    };
  }

  private static boolean underPath(@Nullable String option, Parameter parameter, String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    String name = withSlash(parameter.name());
    if (!name.startsWith(prefix)) {
      return false;
    }
    return "Recursive".equals(option) || !name.substring(prefix.length()).contains("/");
  }

  /** Names without a slash are at the root: {@code a} is {@code /a} for name and path filters. */
  private static String withSlash(String name) {
    return name.startsWith("/") ? name : "/" + name;
  }

  static ParameterPage page(List<Parameter> sorted, @Nullable String after, int max) {
    List<Parameter> page = new ArrayList<>();
    String next = null;
    for (Parameter parameter : sorted) {
      if (after != null && parameter.name().compareTo(after) <= 0) {
        continue;
      }
      if (page.size() == max) {
        next = token(page.getLast().name());
        break;
      }
      page.add(parameter);
    }
    return new ParameterPage(page, next);
  }

  static String token(String last) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("ferry-ssm:" + last).getBytes(StandardCharsets.UTF_8));
  }

  static @Nullable String nameAfter(@Nullable String token) {
    if (token == null) {
      return null;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (text.startsWith("ferry-ssm:")) {
        return text.substring("ferry-ssm:".length());
      }
    } catch (IllegalArgumentException e) {
      // Not base64: not a token Ferry made.
    }
    throw SsmErrors.invalidNextToken();
  }

  static long versionAfter(@Nullable String token) {
    String after = nameAfter(token);
    if (after == null) {
      return 0;
    }
    try {
      return Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw SsmErrors.invalidNextToken();
    }
  }
}
