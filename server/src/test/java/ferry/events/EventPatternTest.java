package ferry.events;

import static ferry.testing.AwsErrorAssert.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventPatternTest {
  static final String OBJECT_CREATED =
      """
      {"version":"0","id":"1","detail-type":"Object Created","source":"aws.s3",
       "account":"111111111111","time":"2026-11-28T12:00:00Z","region":"us-east-1",
       "resources":["arn:aws:s3:::codepipeline-input-bucket"],
       "detail":{"version":"0","bucket":{"name":"codepipeline-input-bucket"},
         "object":{"key":"sample-website.zip","size":5120,"etag":"abc","version-id":"v1"},
         "reason":"PutObject","tags":["a","b"]}}
      """;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "the console's S3 rule matches an upload of the watched key",
            """
            {"source":["aws.s3"],"detail-type":["Object Created"],
             "detail":{"bucket":{"name":["codepipeline-input-bucket"]},
                       "object":{"key":["sample-website.zip"]}}}
            """,
            true),
        Arguments.of(
            "another key does not match",
            "{\"detail\":{\"object\":{\"key\":[\"other.zip\"]}}}",
            false),
        Arguments.of(
            "prefix matches",
            "{\"detail\":{\"object\":{\"key\":[{\"prefix\":\"sample\"}]}}}",
            true),
        Arguments.of(
            "suffix matches", "{\"detail\":{\"object\":{\"key\":[{\"suffix\":\".zip\"}]}}}", true),
        Arguments.of(
            "anything-but excludes the listed value",
            "{\"detail\":{\"reason\":[{\"anything-but\":[\"PutObject\"]}]}}",
            false),
        Arguments.of(
            "anything-but accepts other values",
            "{\"detail\":{\"reason\":[{\"anything-but\":\"CopyObject\"}]}}",
            true),
        Arguments.of(
            "exists true on a present field",
            "{\"detail\":{\"reason\":[{\"exists\":true}]}}",
            true),
        Arguments.of(
            "exists false on a missing field",
            "{\"detail\":{\"missing\":[{\"exists\":false}]}}",
            true),
        Arguments.of(
            "exists true on a missing field",
            "{\"detail\":{\"missing\":[{\"exists\":true}]}}",
            false),
        Arguments.of(
            "numeric range holds",
            "{\"detail\":{\"object\":{\"size\":[{\"numeric\":[\">\",1000,\"<=\",5120]}]}}}",
            true),
        Arguments.of(
            "numeric range fails",
            "{\"detail\":{\"object\":{\"size\":[{\"numeric\":[\"<\",100]}]}}}",
            false),
        Arguments.of(
            "numbers compare by value", "{\"detail\":{\"object\":{\"size\":[5120.0]}}}", true),
        Arguments.of("an array field matches any element", "{\"detail\":{\"tags\":[\"b\"]}}", true),
        Arguments.of(
            "equals-ignore-case",
            "{\"detail-type\":[{\"equals-ignore-case\":\"object created\"}]}",
            true),
        Arguments.of(
            "wildcard",
            "{\"detail\":{\"object\":{\"key\":[{\"wildcard\":\"sample-*.zip\"}]}}}",
            true),
        Arguments.of(
            "a missing field does not match a value", "{\"detail\":{\"missing\":[\"x\"]}}", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String name, String pattern, boolean expected) {
    assertThat(EventPattern.parse(pattern).matches(EventPattern.event(OBJECT_CREATED)))
        .isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("not JSON", "{source", "Filter is not valid JSON"),
        Arguments.of("not an object", "[\"aws.s3\"]", "Filter is not an object"),
        Arguments.of("a scalar leaf", "{\"source\":\"aws.s3\"}", "Match value must be String"),
        Arguments.of(
            "an unknown matcher",
            "{\"source\":[{\"regex\":\"a\"}]}",
            "Unrecognized match type regex"),
        Arguments.of("an odd numeric list", "{\"a\":[{\"numeric\":[\">\"]}]}", "array of pairs"),
        Arguments.of(
            "exists with a string", "{\"a\":[{\"exists\":\"yes\"}]}", "exists match pattern"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejects(String name, String pattern, String reason) {
    assertAwsError(() -> EventPattern.parse(pattern), "InvalidEventPatternException")
        .startsWith("Event pattern is not valid. Reason: ")
        .contains(reason);
  }
}
