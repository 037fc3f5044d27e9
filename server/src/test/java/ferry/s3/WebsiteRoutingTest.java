package ferry.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import ferry.s3.WebsiteConfiguration.Condition;
import ferry.s3.WebsiteConfiguration.Redirect;
import ferry.s3.WebsiteConfiguration.RedirectAllRequestsTo;
import ferry.s3.WebsiteConfiguration.RoutingRule;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebsiteRoutingTest {
  static final WebsiteConfiguration SITE =
      new WebsiteConfiguration(
          "index.html",
          "error.html",
          null,
          List.of(
              new RoutingRule(
                  new Condition("docs/old/", null),
                  new Redirect(null, null, null, "docs/new/", null)),
              new RoutingRule(
                  new Condition("moved.html", null),
                  new Redirect("example.com", "302", "https", null, "landing.html")),
              new RoutingRule(
                  new Condition("images/", "404"),
                  new Redirect("images.example.com", null, null, null, null)),
              new RoutingRule(
                  new Condition(null, "403"), new Redirect(null, "307", null, "denied/", null))));

  static Stream<Arguments> beforeLookup() {
    return Stream.of(
        Arguments.of("the root is looked up", "", null),
        Arguments.of("a page without a rule is looked up", "about.html", null),
        Arguments.of(
            "a key prefix rule replaces the prefix",
            "docs/old/a.html",
            new WebsiteRouting.Redirect(301, null, null, "docs/new/a.html")),
        Arguments.of(
            "a rule replaces the whole key with its host, protocol and code",
            "moved.html",
            new WebsiteRouting.Redirect(302, "https", "example.com", "landing.html")),
        Arguments.of("an error-code rule waits for the error", "images/a.png", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void beforeLookup(String name, String key, WebsiteRouting.@Nullable Redirect expected) {
    assertThat(new WebsiteRouting(SITE).beforeLookup(key)).isEqualTo(expected);
  }

  static Stream<Arguments> afterError() {
    return Stream.of(
        Arguments.of(
            "a 404 under the prefix goes to the other host",
            "images/a.png",
            404,
            new WebsiteRouting.Redirect(301, null, "images.example.com", "images/a.png")),
        Arguments.of("a 404 elsewhere has no rule", "missing.html", 404, null),
        Arguments.of(
            "a 403 anywhere has its rule, prefix replaced from the start",
            "secret.html",
            403,
            new WebsiteRouting.Redirect(307, null, null, "denied/secret.html")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void afterError(String name, String key, int status, WebsiteRouting.@Nullable Redirect expected) {
    assertThat(new WebsiteRouting(SITE).afterError(key, status)).isEqualTo(expected);
  }

  static Stream<Arguments> index() {
    return Stream.of(
        Arguments.of("the root is its index document", "", "index.html", null),
        Arguments.of("a folder is its index document", "docs/", "docs/index.html", null),
        Arguments.of(
            "a page is itself, or the folder of that name", "docs", "docs", "docs/index.html"),
        Arguments.of(
            "a page with a dot is looked up too", "a.html", "a.html", "a.html/index.html"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void index(String name, String key, String objectKey, @Nullable String folderIndex) {
    var routing = new WebsiteRouting(SITE);
    assertThat(routing.objectKey(key)).isEqualTo(objectKey);
    assertThat(routing.folderIndex(key)).isEqualTo(folderIndex);
  }

  @Test
  void redirectAll_keepsThePath_andWinsOverEverything() {
    var all =
        new WebsiteConfiguration(
            null, null, new RedirectAllRequestsTo("www.example.com", null), List.of());
    assertThat(new WebsiteRouting(all).beforeLookup("a/b.html"))
        .isEqualTo(new WebsiteRouting.Redirect(301, null, "www.example.com", "a/b.html"));
  }

  @Test
  void errorDocument_isOnlyFor4xx() {
    var routing = new WebsiteRouting(SITE);
    assertThat(routing.errorDocument(404)).isEqualTo("error.html");
    assertThat(routing.errorDocument(403)).isEqualTo("error.html");
    assertThat(routing.errorDocument(500)).isNull();
  }

  static Stream<Arguments> refused() {
    RoutingRule fine = new RoutingRule(null, new Redirect("example.com", null, null, null, null));
    return Stream.of(
        Arguments.of(
            "redirect-all with an index document",
            new WebsiteConfiguration(
                "index.html", null, new RedirectAllRequestsTo("example.com", null), List.of()),
            "InvalidArgument",
            "RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules."),
        Arguments.of(
            "redirect-all with a bad protocol",
            new WebsiteConfiguration(
                null, null, new RedirectAllRequestsTo("example.com", "ftp"), List.of()),
            "InvalidRequest",
            "Invalid protocol, protocol can be http or https."),
        Arguments.of(
            "no index document",
            new WebsiteConfiguration(null, "error.html", null, List.of()),
            "InvalidArgument",
            "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty"),
        Arguments.of(
            "an empty suffix",
            new WebsiteConfiguration("", null, null, List.of()),
            "InvalidArgument",
            "The IndexDocument Suffix is not well formed"),
        Arguments.of(
            "a suffix with a slash",
            new WebsiteConfiguration("a/index.html", null, null, List.of()),
            "InvalidArgument",
            "The IndexDocument Suffix is not well formed"),
        Arguments.of(
            "51 routing rules",
            new WebsiteConfiguration("index.html", null, null, Collections.nCopies(51, fine)),
            "InvalidRequest",
            "51 routing rules provided"),
        Arguments.of(
            "an empty condition",
            new WebsiteConfiguration(
                "index.html",
                null,
                null,
                List.of(new RoutingRule(new Condition(null, null), fine.redirect()))),
            "InvalidRequest",
            "Condition cannot be empty."),
        Arguments.of(
            "both key replacements",
            new WebsiteConfiguration(
                "index.html",
                null,
                null,
                List.of(new RoutingRule(null, new Redirect(null, null, null, "a/", "b.html")))),
            "InvalidRequest",
            "You can only define ReplaceKeyPrefix or ReplaceKey but not both."),
        Arguments.of(
            "a redirect code that is not 3xx",
            new WebsiteConfiguration(
                "index.html",
                null,
                null,
                List.of(new RoutingRule(null, new Redirect(null, "200", null, null, null)))),
            "InvalidRequest",
            "The provided HTTP redirect code (200) is not valid."),
        Arguments.of(
            "an error code that is not 4xx or 5xx",
            new WebsiteConfiguration(
                "index.html",
                null,
                null,
                List.of(new RoutingRule(new Condition(null, "302"), fine.redirect()))),
            "InvalidRequest",
            "The provided HTTP error code (302) is not valid."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refused(String name, WebsiteConfiguration website, String code, String message) {
    assertThatThrownBy(website::validate)
        .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  @Test
  void fiftyRules_andRedirectAllAlone_areAccepted() {
    RoutingRule rule =
        new RoutingRule(null, new Redirect("example.com", "301", "https", null, null));
    new WebsiteConfiguration("index.html", null, null, Collections.nCopies(50, rule)).validate();
    new WebsiteConfiguration(
            null, null, new RedirectAllRequestsTo("example.com", "https"), List.of())
        .validate();
  }
}
