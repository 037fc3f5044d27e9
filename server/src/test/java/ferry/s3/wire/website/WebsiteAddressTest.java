package ferry.s3.wire.website;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebsiteAddressTest {
  static Stream<Arguments> addresses() {
    return Stream.of(
        Arguments.of(
            "the website host",
            "site.s3-website.localhost:4566",
            "/docs/",
            new WebsiteAddress("site", "docs/", "/", false)),
        Arguments.of(
            "the website host with a dashed region",
            "site.s3-website-us-east-1.localhost:4566",
            "/",
            new WebsiteAddress("site", "", "/", false)),
        Arguments.of(
            "the website host with a dotted region and a dotted bucket",
            "my.site.s3-website.eu-west-1.localhost",
            "/a%20b.html",
            new WebsiteAddress("my.site", "a b.html", "/", false)),
        Arguments.of(
            "the path form",
            "localhost:4566",
            "/_ferry/website/site/docs/index.html",
            new WebsiteAddress("site", "docs/index.html", "/_ferry/website/site/", false)),
        Arguments.of(
            "the path form's root without its slash",
            "127.0.0.1:4566",
            "/_ferry/website/site",
            new WebsiteAddress("site", "", "/_ferry/website/site/", true)),
        Arguments.of("an S3 path-style request", "localhost:4566", "/site/docs/", null),
        Arguments.of("an S3 virtual-hosted request", "site.localhost:4566", "/docs/", null),
        Arguments.of(
            "the path form on a virtual-hosted bucket is that bucket's key",
            "site.localhost:4566",
            "/_ferry/website/other/",
            null),
        Arguments.of("the path form without a bucket", "localhost", "/_ferry/website/", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("addresses")
  void parses(String name, String host, String path, @Nullable WebsiteAddress expected) {
    assertThat(WebsiteAddress.of(host, path)).isEqualTo(expected);
  }
}
