package ferry.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("the root matches only the root", "/", "/", Map.of()),
        Arguments.of("the root does not match a page", "/", "/s3", null),
        Arguments.of("a literal path matches itself", "/s3", "/s3", Map.of()),
        Arguments.of(
            "a parameter takes one segment",
            "/s3/buckets/{bucket}",
            "/s3/buckets/photos",
            Map.of("bucket", "photos")),
        Arguments.of(
            "a parameter is percent-decoded, %2F included",
            "/kms/keys/{keyId}",
            "/kms/keys/arn%3Aaws%3Akms%3Aus-east-1%3A111111111111%3Akey%2Fabc",
            Map.of("keyId", "arn:aws:kms:us-east-1:111111111111:key/abc")),
        Arguments.of(
            "a '+' in a path stays a '+'",
            "/iam/users/{name}",
            "/iam/users/a+b",
            Map.of("name", "a+b")),
        Arguments.of("an empty parameter does not match", "/iam/users/{name}", "/iam/users/", null),
        Arguments.of("a broken escape does not match", "/iam/users/{name}", "/iam/users/%zz", null),
        Arguments.of(
            "bytes that are not UTF-8 do not match", "/iam/users/{name}", "/iam/users/%ff", null),
        Arguments.of(
            "more segments than the pattern do not match",
            "/s3/buckets/{bucket}",
            "/s3/buckets/a/b",
            null),
        Arguments.of("a trailing slash is another path", "/s3", "/s3/", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String name, String pattern, String path, @Nullable Map<String, String> parameters) {
    assertThat(Route.get(pattern, request -> Reply.redirect("/")).match(path))
        .isEqualTo(parameters);
  }
}
