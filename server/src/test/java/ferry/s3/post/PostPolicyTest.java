package ferry.s3.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostPolicyTest {
  private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

  static String encode(String json) {
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static PostPolicy policy(String conditions) {
    return PostPolicy.parse(
        encode("{\"expiration\":\"2026-12-03T11:00:00.000Z\",\"conditions\":" + conditions + "}"));
  }

  static Map<String, String> fields(String... pairs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put(pairs[i], pairs[i + 1]);
    }
    return fields;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(
            "an exact match as an object holds",
            "[{\"bucket\":\"b\"},{\"key\":\"a.txt\"}]",
            fields("key", "a.txt"),
            null),
        Arguments.of(
            "an exact match fails on another value",
            "[{\"key\":\"a.txt\"}]",
            fields("key", "b.txt"),
            "Invalid according to Policy: Policy Condition failed: {\"key\":\"a.txt\"}"),
        Arguments.of(
            "eq holds on the same value",
            "[[\"eq\",\"$key\",\"a.txt\"]]",
            fields("key", "a.txt"),
            null),
        Arguments.of(
            "eq is case-sensitive in its value",
            "[[\"eq\",\"$key\",\"a.txt\"]]",
            fields("key", "A.txt"),
            "Invalid according to Policy: Policy Condition failed: [\"eq\",\"$key\",\"a.txt\"]"),
        Arguments.of(
            "field names compare without case",
            "[[\"eq\",\"$Content-Type\",\"text/plain\"],{\"key\":\"k\"}]",
            fields("key", "k", "content-type", "text/plain"),
            null),
        Arguments.of(
            "starts-with holds on a prefix",
            "[[\"starts-with\",\"$key\",\"uploads/\"]]",
            fields("key", "uploads/x"),
            null),
        Arguments.of(
            "starts-with fails outside the prefix",
            "[[\"starts-with\",\"$key\",\"uploads/\"]]",
            fields("key", "other/x"),
            "Invalid according to Policy: Policy Condition failed:"
                + " [\"starts-with\",\"$key\",\"uploads/\"]"),
        Arguments.of(
            "starts-with an empty prefix allows any value",
            "[[\"starts-with\",\"$key\",\"\"],[\"starts-with\",\"$x-amz-meta-a\",\"\"]]",
            fields("key", "anything", "x-amz-meta-a", "1"),
            null),
        Arguments.of(
            "starts-with on Content-Type checks every listed type",
            "[{\"key\":\"k\"},[\"starts-with\",\"$Content-Type\",\"image/\"]]",
            fields("key", "k", "content-type", "image/png, text/plain"),
            "Invalid according to Policy: Policy Condition failed:"
                + " [\"starts-with\",\"$Content-Type\",\"image/\"]"),
        Arguments.of(
            "the bucket condition is the bucket addressed",
            "[{\"bucket\":\"other\"},{\"key\":\"k\"}]",
            fields("key", "k"),
            "Invalid according to Policy: Policy Condition failed: {\"bucket\":\"other\"}"),
        Arguments.of(
            "a field no condition names is extra",
            "[{\"key\":\"k\"}]",
            fields("key", "k", "x-amz-meta-colour", "blue", "acl", "private"),
            "Invalid according to Policy: Extra input fields: x-amz-meta-colour, acl"),
        Arguments.of(
            "policy, signature, file and x-ignore- fields need no condition",
            "[{\"key\":\"k\"}]",
            fields(
                "key",
                "k",
                "policy",
                "p",
                "x-amz-signature",
                "s",
                "x-ignore-me",
                "1",
                "awsaccesskeyid",
                "AK",
                "signature",
                "s"),
            null),
        Arguments.of(
            "the credential fields need conditions",
            "[{\"key\":\"k\"}]",
            fields("key", "k", "x-amz-credential", "AK/20261203/us-east-1/s3/aws4_request"),
            "Invalid according to Policy: Extra input fields: x-amz-credential"),
        Arguments.of(
            "a condition on an absent field fails",
            "[{\"key\":\"k\"},{\"acl\":\"public-read\"}]",
            fields("key", "k"),
            "Invalid according to Policy: Policy Condition failed: {\"acl\":\"public-read\"}"),
        Arguments.of(
            "a content-length-range names no field",
            "[{\"key\":\"k\"},[\"content-length-range\",1,10]]",
            fields("key", "k"),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksTheFormAgainstItsConditions(
      String name, String conditions, Map<String, String> fields, String expectedDenial) {
    PostPolicy policy = policy(conditions);
    if (expectedDenial == null) {
      assertThatCode(() -> policy.check("b", fields, NOW)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> policy.check("b", fields, NOW))
          .isInstanceOfSatisfying(
              AwsException.class,
              e -> {
                assertThat(e.errorCode().code()).isEqualTo("AccessDenied");
                assertThat(e.getMessage()).isEqualTo(expectedDenial);
              });
    }
  }

  @Test
  void anExpiredPolicy_isDenied() {
    PostPolicy policy =
        PostPolicy.parse(
            encode("{\"expiration\":\"2026-12-03T09:59:59Z\",\"conditions\":[{\"key\":\"k\"}]}"));
    assertThatThrownBy(() -> policy.check("b", fields("key", "k"), NOW))
        .hasMessage("Invalid according to Policy: Policy expired.");
  }

  @Test
  void theLengthRange_isRead() {
    PostPolicy.LengthRange range = policy("[[\"content-length-range\", 5, \"100\"]]").lengthRange();
    assertThat(range).isNotNull();
    assertThat(range.min()).isEqualTo(5);
    assertThat(range.max()).isEqualTo(100);
    assertThat(policy("[]").lengthRange()).isNull();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("not base64", "%%%", "Invalid Policy: Invalid Base64 Encoding."),
        Arguments.of("not JSON", encode("{"), "Invalid Policy: Invalid JSON."),
        Arguments.of("a JSON array", encode("[]"), "Invalid Policy: Invalid JSON."),
        Arguments.of(
            "no expiration",
            encode("{\"conditions\":[]}"),
            "Invalid Policy: Policy missing expiration."),
        Arguments.of(
            "no conditions",
            encode("{\"expiration\":\"2026-12-03T11:00:00Z\"}"),
            "Invalid Policy: Policy missing conditions."),
        Arguments.of(
            "an expiration that is no date",
            encode("{\"expiration\":\"tomorrow\",\"conditions\":[]}"),
            "Invalid Policy: Invalid 'expiration' value: 'tomorrow'"),
        Arguments.of(
            "an unknown operator",
            encode(
                "{\"expiration\":\"2026-12-03T11:00:00Z\",\"conditions\":[[\"ends-with\",\"$key\",\"x\"]]}"),
            "Invalid Policy: Invalid Condition: [\"ends-with\",\"$key\",\"x\"]: unknown operation."),
        Arguments.of(
            "a field without $",
            encode(
                "{\"expiration\":\"2026-12-03T11:00:00Z\",\"conditions\":[[\"eq\",\"key\",\"x\"]]}"),
            "Invalid Policy: Invalid Condition: [\"eq\",\"key\",\"x\"]: the field name must start"
                + " with '$'."),
        Arguments.of(
            "a length range without numbers",
            encode(
                "{\"expiration\":\"2026-12-03T11:00:00Z\",\"conditions\":[[\"content-length-range\",\"a\",2]]}"),
            "Invalid Policy: Invalid content-length-range Condition: [\"content-length-range\",\"a\",2];"
                + " it takes a minimum and a maximum length in bytes."));
  }

  @ParameterizedTest(name = "{0} is InvalidPolicyDocument")
  @MethodSource("malformed")
  void aMalformedPolicy_isInvalidPolicyDocument(String name, String base64, String message) {
    assertThatThrownBy(() -> PostPolicy.parse(base64))
        .isInstanceOfSatisfying(
            AwsException.class,
            e -> {
              assertThat(e.errorCode().code()).isEqualTo("InvalidPolicyDocument");
              assertThat(e.errorCode().httpStatus()).isEqualTo(400);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }
}
