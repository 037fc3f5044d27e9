package ferry.s3;

import ferry.s3.WebsiteConfiguration.Condition;
import ferry.s3.WebsiteConfiguration.RoutingRule;
import org.jspecify.annotations.Nullable;

/**
 * How a website request is resolved: redirect-all, routing rules before and after the lookup, and
 * index documents for the root and for folders.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-page-redirect.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/IndexDocumentSupport.html
 */
public final class WebsiteRouting {
  private final WebsiteConfiguration website;

  public WebsiteRouting(WebsiteConfiguration website) {
    this.website = website;
  }

  /**
   * Where a request is sent instead of being answered.
   *
   * @param protocol the protocol to use; null for the request's own
   * @param hostName the host to send it to; null for the website's own
   * @param key the key on that host, without a leading slash
   */
  public record Redirect(
      int status, @Nullable String protocol, @Nullable String hostName, String key) {}

  /**
   * The redirect that applies before any object is looked up: redirect-all, or the first rule
   * without an error-code condition whose key prefix (if any) matches. Null when none does.
   */
  public @Nullable Redirect beforeLookup(String key) {
    WebsiteConfiguration.RedirectAllRequestsTo all = website.redirectAllRequestsTo();
    if (all != null) {
      return new Redirect(301, all.protocol(), all.hostName(), key);
    }
    for (RoutingRule rule : website.routingRules()) {
      Condition condition = rule.condition();
      if (condition == null
          || (condition.httpErrorCodeReturnedEquals() == null && prefixMatches(condition, key))) {
        return redirect(rule, key);
      }
    }
    return null;
  }

  /**
   * The redirect that applies once the lookup failed with {@code status}: the first rule whose
   * error code is that status and whose key prefix (if any) matches. Null when none does.
   */
  public @Nullable Redirect afterError(String key, int status) {
    for (RoutingRule rule : website.routingRules()) {
      Condition condition = rule.condition();
      if (condition != null
          && String.valueOf(status).equals(condition.httpErrorCodeReturnedEquals())
          && prefixMatches(condition, key)) {
        return redirect(rule, key);
      }
    }
    return null;
  }

  /** The object a request's key names: the index document for the root and for a folder. */
  public String objectKey(String key) {
    return key.isEmpty() || key.endsWith("/") ? key + indexSuffix() : key;
  }

  /**
   * The index document of the folder a key without its trailing slash may name ({@code docs} →
   * {@code docs/index.html}); null for the root and for keys that already end in a slash.
   */
  public @Nullable String folderIndex(String key) {
    return key.isEmpty() || key.endsWith("/") ? null : key + "/" + indexSuffix();
  }

  /** The key of the error document for a 4xx answer; null without one or for other statuses. */
  public @Nullable String errorDocument(int status) {
    return status >= 400 && status < 500 ? website.errorDocumentKey() : null;
  }

  private String indexSuffix() {
    String suffix = website.indexSuffix();
    return suffix == null ? "" : suffix;
  }

  private static boolean prefixMatches(Condition condition, String key) {
    String prefix = condition.keyPrefixEquals();
    return prefix == null || key.startsWith(prefix);
  }

  private static Redirect redirect(RoutingRule rule, String key) {
    WebsiteConfiguration.Redirect redirect = rule.redirect();
    String target = key;
    if (redirect.replaceKeyWith() != null) {
      target = redirect.replaceKeyWith();
    } else if (redirect.replaceKeyPrefixWith() != null) {
      Condition condition = rule.condition();
      String prefix =
          condition == null || condition.keyPrefixEquals() == null
              ? ""
              : condition.keyPrefixEquals();
      target = redirect.replaceKeyPrefixWith() + key.substring(prefix.length());
    }
    int status =
        redirect.httpRedirectCode() == null ? 301 : Integer.parseInt(redirect.httpRedirectCode());
    return new Redirect(status, redirect.protocol(), redirect.hostName(), target);
  }
}
