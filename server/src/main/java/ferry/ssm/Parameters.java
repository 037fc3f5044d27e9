package ferry.ssm;

import ferry.authz.AccessRequest;
import ferry.aws.Caller;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Parameters: PutParameter, GetParameter(s), GetParametersByPath, DeleteParameter(s),
 * DescribeParameters and GetParameterHistory, each authorized as {@code ssm:<Operation>} on the
 * parameter's ARN. Standard tier only.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html">PutParameter</a>
 */
public final class Parameters {
  /** Standard parameters hold at most 4 KB. */
  static final int MAX_STANDARD_VALUE = 4096;

  /** AWS keeps a parameter's last 100 versions. */
  static final int KEPT_VERSIONS = 100;

  static final String STANDARD = "Standard";
  private static final String TEXT = "text";
  private static final int MAX_NAMES = 10;

  private final SsmAccess access;

  Parameters(SsmAccess access) {
    this.access = access;
  }

  public PutParameterResult putParameter(Caller caller, PutParameterRequest request) {
    String name = request.name();
    String arn = Parameter.arn(caller.region(), caller.account(), name);
    ParameterNames.checkNew(name, arn);
    if (request.value().isEmpty()) {
      throw SsmErrors.outOfRange("value", "", "have length greater than or equal to 1");
    }
    if (request.overwrite() && !request.tags().isEmpty()) {
      throw SsmErrors.validation(
          "Invalid request: tags and overwrite can't be used together. To create a parameter with"
              + " tags, please remove overwrite flag. To update tags for an existing parameter,"
              + " please use AddTagsToResource or RemoveTagsFromResource.");
    }
    if (request.policies() != null) {
      throw SsmErrors.unsupported(
          "Ferry does not implement parameter policies (Expiration, ExpirationNotification,"
              + " NoChangeNotification); they need the advanced tier.");
    }
    String tier = tier(request.tier(), request.value());
    String dataType = dataType(request.dataType());
    if (request.description() != null && request.description().length() > 1024) {
      throw SsmErrors.outOfRange(
          "description", request.description(), "have length less than or equal to 1024");
    }
    ParameterTags.check(request.tags());
    AccessRequest put = AccessRequest.of("ssm:PutParameter", arn, caller.account());
    if (!request.tags().isEmpty()) {
      put = SsmAccess.withRequestTags(put, request.tags());
    }
    access.authorize(caller, put);
    if (!request.tags().isEmpty()) {
      // Tagging on create needs ssm:AddTagsToResource too, as AWS documents.
      access.authorize(caller, put.withAction("ssm:AddTagsToResource"));
    }
    Optional<Parameter> existing =
        access.parameters.latest(caller.account(), caller.region(), name);
    Parameter previous = existing.orElse(null);
    if (previous != null && !request.overwrite()) {
      throw SsmErrors.parameterAlreadyExists();
    }
    ParameterType type = request.type() != null ? request.type() : typeOf(previous);
    String allowedPattern =
        request.allowedPattern() != null
            ? request.allowedPattern()
            : previous == null ? null : previous.allowedPattern();
    if (allowedPattern != null) {
      checkPattern(allowedPattern, request.value());
    }
    String keyId = null;
    if (type == ParameterType.SECURE_STRING) {
      keyId =
          request.keyId() != null
              ? request.keyId()
              : previous != null && previous.keyId() != null
                  ? previous.keyId()
                  : SsmAccess.DEFAULT_KEY;
    } else if (request.keyId() != null) {
      throw SsmErrors.validation(
          "KeyId is valid only for SecureString parameters; " + name + " is a " + type.wireName());
    }
    String stored =
        type == ParameterType.SECURE_STRING
            ? access.encrypt(caller, keyId, arn, request.value())
            : request.value();
    long version = previous == null ? 1 : previous.version() + 1;
    var parameter =
        new Parameter(
            caller.account(),
            caller.region(),
            name,
            version,
            type,
            stored,
            keyId,
            request.description() != null
                ? request.description()
                : previous == null ? null : previous.description(),
            allowedPattern,
            tier,
            dataType,
            access.clock.instant(),
            caller.arn());
    Long expected = previous == null ? null : previous.version();
    if (!access.parameters.insert(parameter, expected, request.tags(), KEPT_VERSIONS)) {
      if (previous == null && !request.overwrite()) {
        throw SsmErrors.parameterAlreadyExists();
      }
      throw SsmErrors.tooManyUpdates();
    }
    return new PutParameterResult(version, tier);
  }

  /** A parameter by name, or a version of it by {@code name:version}. */
  public Parameter getParameter(Caller caller, String name, boolean withDecryption) {
    Selector selector = Selector.parse(name);
    access.authorize(
        caller, "GetParameter", Parameter.arn(caller.region(), caller.account(), selector.name()));
    return access.shown(caller, find(caller, selector), withDecryption);
  }

  /** Up to ten parameters; the names that name none are listed, not errors. */
  public GetParametersResult getParameters(
      Caller caller, List<String> names, boolean withDecryption) {
    checkNames(names);
    List<Selector> selectors = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      Selector selector = Selector.parse(name);
      access.authorize(
          caller,
          "GetParameters",
          Parameter.arn(caller.region(), caller.account(), selector.name()));
      selectors.add(selector);
    }
    List<Parameter> found = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Selector selector : selectors) {
      Parameter parameter = lookup(caller, selector);
      if (parameter == null) {
        invalid.add(selector.given());
      } else {
        found.add(access.shown(caller, parameter, withDecryption));
      }
    }
    return new GetParametersResult(found, invalid);
  }

  /**
   * The parameters under a path: its direct children, or with {@code recursive} every descendant;
   * in name order, a page at a time.
   */
  public ParameterPage getParametersByPath(
      Caller caller,
      String path,
      boolean recursive,
      List<ParameterFilter> filters,
      boolean withDecryption,
      @Nullable Integer maxResults,
      @Nullable String nextToken) {
    String prefix = ParameterNames.checkPath(path);
    int max = ParameterFilters.maxResults(maxResults, 10);
    ParameterFilters.checkForPath(filters);
    String after = ParameterFilters.nameAfter(nextToken);
    String pathArn =
        Parameter.arn(
            caller.region(),
            caller.account(),
            prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix);
    access.authorize(caller, "GetParametersByPath", pathArn);
    List<Parameter> matching = new ArrayList<>();
    for (Parameter parameter :
        access.parameters.latestUnder(caller.account(), caller.region(), prefix)) {
      String rest = parameter.name().substring(prefix.length());
      if ((recursive || !rest.contains("/"))
          && ParameterFilters.matchesAll(filters, parameter, access, caller)) {
        matching.add(parameter);
      }
    }
    ParameterPage page = ParameterFilters.page(matching, after, max);
    List<Parameter> shown = new ArrayList<>();
    for (Parameter parameter : page.parameters()) {
      shown.add(access.shown(caller, parameter, withDecryption));
    }
    return new ParameterPage(shown, page.nextToken());
  }

  public void deleteParameter(Caller caller, String name) {
    access.authorize(
        caller, "DeleteParameter", Parameter.arn(caller.region(), caller.account(), name));
    if (!access.parameters.delete(caller.account(), caller.region(), name)) {
      throw SsmErrors.parameterNotFound(name);
    }
  }

  /** Deletes up to ten parameters: the names deleted, and those that named none. */
  public GetParametersResult deleteParameters(Caller caller, List<String> names) {
    checkNames(names);
    List<String> unique = List.copyOf(new LinkedHashSet<>(names));
    for (String name : unique) {
      access.authorize(
          caller, "DeleteParameters", Parameter.arn(caller.region(), caller.account(), name));
    }
    List<Parameter> deleted = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String name : unique) {
      Optional<Parameter> parameter =
          access.parameters.latest(caller.account(), caller.region(), name);
      if (parameter.isPresent()
          && access.parameters.delete(caller.account(), caller.region(), name)) {
        deleted.add(parameter.get());
      } else {
        invalid.add(name);
      }
    }
    return new GetParametersResult(deleted, invalid);
  }

  /** The account's parameters in the caller's region, filtered, a page at a time, by name. */
  public ParameterPage describeParameters(
      Caller caller,
      List<ParameterFilter> filters,
      List<ParameterFilter> parameterFilters,
      @Nullable Integer maxResults,
      @Nullable String nextToken) {
    if (!filters.isEmpty() && !parameterFilters.isEmpty()) {
      throw SsmErrors.validation(
          "You can use either Filters or ParameterFilters in a single request.");
    }
    int max = ParameterFilters.maxResults(maxResults, 50);
    List<ParameterFilter> all = filters.isEmpty() ? parameterFilters : filters;
    ParameterFilters.checkForDescribe(all, !filters.isEmpty());
    String after = ParameterFilters.nameAfter(nextToken);
    access.authorize(caller, "DescribeParameters", "*");
    List<Parameter> matching = new ArrayList<>();
    for (Parameter parameter :
        access.parameters.latestUnder(caller.account(), caller.region(), "")) {
      if (ParameterFilters.matchesAll(all, parameter, access, caller)) {
        matching.add(parameter);
      }
    }
    return ParameterFilters.page(matching, after, max);
  }

  /** Every kept version of a parameter, oldest first, a page at a time. */
  public ParameterPage getParameterHistory(
      Caller caller,
      String name,
      boolean withDecryption,
      @Nullable Integer maxResults,
      @Nullable String nextToken) {
    int max = ParameterFilters.maxResults(maxResults, 50);
    long after = ParameterFilters.versionAfter(nextToken);
    access.authorize(
        caller, "GetParameterHistory", Parameter.arn(caller.region(), caller.account(), name));
    List<Parameter> versions = access.parameters.versions(caller.account(), caller.region(), name);
    if (versions.isEmpty()) {
      throw SsmErrors.parameterNotFound(name);
    }
    List<Parameter> page = new ArrayList<>();
    String token = null;
    for (Parameter version : versions) {
      if (version.version() <= after) {
        continue;
      }
      if (page.size() == max) {
        token = ParameterFilters.token(Long.toString(page.getLast().version()));
        break;
      }
      page.add(access.shown(caller, version, withDecryption));
    }
    return new ParameterPage(page, token);
  }

  /**
   * The value of a String or StringList parameter, as CloudFormation resolves an {@code
   * AWS::SSM::Parameter::Value<String>} template parameter: read with {@code ssm:GetParameters} as
   * the stack's caller. A SecureString is refused, as CloudFormation refuses it.
   */
  public String templateValue(Caller caller, String name) {
    GetParametersResult result = getParameters(caller, List.of(name), false);
    if (result.parameters().isEmpty()) {
      throw SsmErrors.parameterNotFound(name);
    }
    Parameter parameter = result.parameters().getFirst();
    if (parameter.type() == ParameterType.SECURE_STRING) {
      throw SsmErrors.validation(
          "Parameter "
              + name
              + " is a SecureString; CloudFormation template parameters resolve only String and"
              + " StringList parameters.");
    }
    return parameter.value();
  }

  private Parameter find(Caller caller, Selector selector) {
    Parameter parameter = lookup(caller, selector);
    if (parameter != null) {
      return parameter;
    }
    if (selector.selector() != null
        && access
            .parameters
            .latest(caller.account(), caller.region(), selector.name())
            .isPresent()) {
      throw SsmErrors.parameterVersionNotFound(selector.name(), selector.selector());
    }
    throw SsmErrors.parameterNotFound(selector.given());
  }

  private @Nullable Parameter lookup(Caller caller, Selector selector) {
    if (selector.selector() == null) {
      return access
          .parameters
          .latest(caller.account(), caller.region(), selector.name())
          .orElse(null);
    }
    Long version = selector.version();
    if (version == null) {
      // A label: Ferry refuses LabelParameterVersion, so no version has one.
      return null;
    }
    return access
        .parameters
        .version(caller.account(), caller.region(), selector.name(), version)
        .orElse(null);
  }

  private static void checkNames(List<String> names) {
    if (names.isEmpty()) {
      throw SsmErrors.outOfRange("names", "[]", "have length greater than or equal to 1");
    }
    if (names.size() > MAX_NAMES) {
      throw SsmErrors.outOfRange("names", names, "have length less than or equal to " + MAX_NAMES);
    }
  }

  private static ParameterType typeOf(@Nullable Parameter previous) {
    if (previous == null) {
      throw SsmErrors.validation("A parameter type is required when you create a parameter.");
    }
    return previous.type();
  }

  private static String tier(@Nullable String requested, String value) {
    if (requested != null
        && !requested.equals(STANDARD)
        && !requested.equals("Advanced")
        && !requested.equals("Intelligent-Tiering")) {
      throw SsmErrors.outOfRange(
          "tier", requested, "satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]");
    }
    if ("Advanced".equals(requested)) {
      throw SsmErrors.unsupported(
          "Ferry serves only the Standard tier: advanced parameters are not implemented.");
    }
    if (value.length() > MAX_STANDARD_VALUE) {
      if ("Intelligent-Tiering".equals(requested)) {
        throw SsmErrors.unsupported(
            "This value needs the advanced tier, and Ferry serves only the Standard tier.");
      }
      throw SsmErrors.validation(
          "Standard tier parameters support a maximum parameter value of 4096 characters. To"
              + " create a larger parameter value, upgrade the parameter to use the"
              + " advanced-parameter tier. For more information, see"
              + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
    }
    // Intelligent-Tiering picks Standard for any value Standard can hold.
    return STANDARD;
  }

  private static String dataType(@Nullable String requested) {
    if (requested == null || requested.equals(TEXT)) {
      return TEXT;
    }
    if (requested.equals("aws:ec2:image") || requested.equals("aws:ssm:integration")) {
      throw SsmErrors.unsupported(
          "Ferry does not implement the "
              + requested
              + " data type: it checks values against other services Ferry does not serve.");
    }
    throw SsmErrors.validation(
        "The following data type is not supported: "
            + requested
            + " (Data type names are all lowercase.)");
  }

  private static void checkPattern(String allowedPattern, String value) {
    if (allowedPattern.length() > 1024) {
      throw SsmErrors.outOfRange(
          "allowedPattern", allowedPattern, "have length less than or equal to 1024");
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(allowedPattern);
    } catch (PatternSyntaxException e) {
      throw SsmErrors.invalidAllowedPattern(e.getDescription());
    }
    if (!pattern.matcher(value).find()) {
      throw SsmErrors.patternMismatch(allowedPattern);
    }
  }

  /** A name as GetParameter reads it: {@code name}, {@code name:version} or {@code name:label}. */
  private record Selector(String given, String name, @Nullable String selector) {
    static Selector parse(String given) {
      int colon = given.lastIndexOf(':');
      if (colon <= 0 || given.startsWith("arn:")) {
        return new Selector(given, given, null);
      }
      return new Selector(given, given.substring(0, colon), given.substring(colon + 1));
    }

    @Nullable Long version() {
      if (selector == null
          || selector.isEmpty()
          || !selector.chars().allMatch(Character::isDigit)) {
        return null;
      }
      try {
        return Long.parseLong(selector);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }
}
