package ferry.s3;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's static website configuration: an index document (and an error document and routing
 * rules), or a redirect of every request to another host.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketWebsite.html
 */
public record WebsiteConfiguration(
    @Nullable String indexSuffix,
    @Nullable String errorDocumentKey,
    @Nullable RedirectAllRequestsTo redirectAllRequestsTo,
    List<RoutingRule> routingRules) {
  /** The most routing rules a website configuration may have. */
  public static final int MAX_ROUTING_RULES = 50;

  private static final Set<String> PROTOCOLS = Set.of("http", "https");

  public WebsiteConfiguration {
    routingRules = List.copyOf(routingRules);
  }

  /** Every request goes to {@code hostName}, with the protocol of the request unless one is set. */
  public record RedirectAllRequestsTo(String hostName, @Nullable String protocol) {}

  /** A redirect applied when its condition holds, or always when it has none. */
  public record RoutingRule(@Nullable Condition condition, Redirect redirect) {}

  /** A key prefix, an error code, or both, which must then both hold. */
  public record Condition(
      @Nullable String keyPrefixEquals, @Nullable String httpErrorCodeReturnedEquals) {}

  /** Where a redirect goes: each part left out is taken from the request. */
  public record Redirect(
      @Nullable String hostName,
      @Nullable String httpRedirectCode,
      @Nullable String protocol,
      @Nullable String replaceKeyPrefixWith,
      @Nullable String replaceKeyWith) {}

  /** Checks the configuration as S3 does before storing it; refuses it with S3's errors. */
  public void validate() {
    if (redirectAllRequestsTo != null) {
      if (indexSuffix != null || errorDocumentKey != null || !routingRules.isEmpty()) {
        throw S3Errors.invalidArgument(
            "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
            "RedirectAllRequestsTo",
            "not null");
      }
      if (redirectAllRequestsTo.hostName().isBlank()) {
        throw S3Errors.malformedXml();
      }
      checkProtocol(redirectAllRequestsTo.protocol());
      return;
    }
    if (indexSuffix == null) {
      throw S3Errors.invalidArgument(
          "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
          "IndexDocument",
          "null");
    }
    if (indexSuffix.isEmpty() || indexSuffix.contains("/")) {
      throw S3Errors.invalidArgument(
          "The IndexDocument Suffix is not well formed", "IndexDocument", indexSuffix);
    }
    if (errorDocumentKey != null && errorDocumentKey.isEmpty()) {
      throw S3Errors.malformedXml();
    }
    if (routingRules.size() > MAX_ROUTING_RULES) {
      throw S3Errors.invalidRequest(
          routingRules.size()
              + " routing rules provided, the number of routing rules in a website configuration"
              + " is limited to "
              + MAX_ROUTING_RULES
              + ".");
    }
    for (RoutingRule rule : routingRules) {
      check(rule);
    }
  }

  private static void check(RoutingRule rule) {
    Condition condition = rule.condition();
    if (condition != null) {
      if (condition.keyPrefixEquals() == null && condition.httpErrorCodeReturnedEquals() == null) {
        throw S3Errors.invalidRequest(
            "Condition cannot be empty. To redirect all requests without a condition, the"
                + " condition element shouldn't be present.");
      }
      String errorCode = condition.httpErrorCodeReturnedEquals();
      if (errorCode != null && !isCode(errorCode, 400, 599)) {
        throw S3Errors.invalidRequest(
            "The provided HTTP error code ("
                + errorCode
                + ") is not valid. Valid codes are 4XX or"
                + " 5XX.");
      }
    }
    Redirect redirect = rule.redirect();
    if (redirect.replaceKeyPrefixWith() != null && redirect.replaceKeyWith() != null) {
      throw S3Errors.invalidRequest(
          "You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
    }
    String code = redirect.httpRedirectCode();
    if (code != null && (!isCode(code, 301, 399))) {
      throw S3Errors.invalidRequest(
          "The provided HTTP redirect code ("
              + code
              + ") is not valid. Valid codes are 3XX except"
              + " 300.");
    }
    checkProtocol(redirect.protocol());
  }

  private static void checkProtocol(@Nullable String protocol) {
    if (protocol != null && !PROTOCOLS.contains(protocol)) {
      throw S3Errors.invalidRequest(
          "Invalid protocol, protocol can be http or https. If not defined the protocol will be"
              + " selected automatically.");
    }
  }

  private static boolean isCode(String text, int lowest, int highest) {
    if (!text.matches("[0-9]{3}")) {
      return false;
    }
    int code = Integer.parseInt(text);
    return code >= lowest && code <= highest;
  }
}
