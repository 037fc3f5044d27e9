package ferry.policy.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operator family, with IfExists, set operators, missing keys and variables (spec §1.7). */
class ConditionTest {

  /** A request context from "key=value" (single) and "key=[a,b]" (multivalued) entries. */
  static ConditionContext context(String... entries) {
    Map<String, List<String>> keys = new HashMap<>();
    Set<String> multi = new HashSet<>();
    for (String e : entries) {
      int eq = e.indexOf('=');
      String key = e.substring(0, eq).toLowerCase(Locale.ROOT);
      String value = e.substring(eq + 1);
      if (value.startsWith("[")) {
        String inner = value.substring(1, value.length() - 1);
        keys.put(key, inner.isEmpty() ? List.of() : List.of(inner.split(",")));
        multi.add(key);
      } else {
        keys.put(key, List.of(value));
      }
    }
    return new ConditionContext() {
      @Override
      public @Nullable List<String> values(String lowerCaseKey) {
        return keys.get(lowerCaseKey);
      }

      @Override
      public boolean isMultivalued(String lowerCaseKey) {
        return multi.contains(lowerCaseKey);
      }
    };
  }

  static Arguments row(
      String name,
      String operator,
      String key,
      List<String> values,
      String[] request,
      boolean expected) {
    return arguments(name, operator, key, values, request, expected);
  }

  static String[] req(String... entries) {
    return entries;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // String
        row(
            "StringEquals matches exactly",
            "StringEquals",
            "aws:username",
            List.of("alice"),
            req("aws:username=alice"),
            true),
        row(
            "StringEquals is case-sensitive",
            "StringEquals",
            "aws:username",
            List.of("alice"),
            req("aws:username=Alice"),
            false),
        row(
            "StringEquals ORs its values",
            "StringEquals",
            "aws:username",
            List.of("bob", "alice"),
            req("aws:username=alice"),
            true),
        row(
            "StringEquals is false for a missing key",
            "StringEquals",
            "aws:username",
            List.of("alice"),
            req(),
            false),
        row(
            "condition key names ignore case",
            "StringEquals",
            "AWS:UserName",
            List.of("alice"),
            req("aws:username=alice"),
            true),
        row(
            "StringNotEquals is true for a missing key",
            "StringNotEquals",
            "s3:x-amz-server-side-encryption",
            List.of("aws:kms"),
            req(),
            true),
        row(
            "StringNotEquals is false for the listed value",
            "StringNotEquals",
            "s3:x-amz-server-side-encryption",
            List.of("aws:kms"),
            req("s3:x-amz-server-side-encryption=aws:kms"),
            false),
        row(
            "StringNotEquals with two values is NOR",
            "StringNotEquals",
            "aws:username",
            List.of("alice", "bob"),
            req("aws:username=bob"),
            false),
        row(
            "StringNotEquals with two values, neither present",
            "StringNotEquals",
            "aws:username",
            List.of("alice", "bob"),
            req("aws:username=carol"),
            true),
        row(
            "StringEqualsIgnoreCase ignores case",
            "StringEqualsIgnoreCase",
            "aws:username",
            List.of("ALICE"),
            req("aws:username=alice"),
            true),
        row(
            "StringNotEqualsIgnoreCase ignores case",
            "StringNotEqualsIgnoreCase",
            "aws:username",
            List.of("ALICE"),
            req("aws:username=alice"),
            false),
        row(
            "StringLike with *",
            "StringLike",
            "s3:prefix",
            List.of("home/*"),
            req("s3:prefix=home/alice/x"),
            true),
        row(
            "StringLike with ?",
            "StringLike",
            "s3:prefix",
            List.of("home/?"),
            req("s3:prefix=home/ab"),
            false),
        row(
            "StringLike is case-sensitive",
            "StringLike",
            "s3:prefix",
            List.of("Home/*"),
            req("s3:prefix=home/x"),
            false),
        row(
            "StringLike * swallows colons",
            "StringLike",
            "aws:SourceArn",
            List.of("arn:aws:someservice:*:111122223333:finance/*"),
            req(
                "aws:SourceArn=arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"),
            true),
        row(
            "StringNotLike is NOR over patterns",
            "StringNotLike",
            "s3:prefix",
            List.of("a*", "b*"),
            req("s3:prefix=bx"),
            false),
        row(
            "StringEqualsIfExists is true for a missing key",
            "StringEqualsIfExists",
            "aws:username",
            List.of("alice"),
            req(),
            true),
        row(
            "StringEqualsIfExists tests a present key",
            "StringEqualsIfExists",
            "aws:username",
            List.of("alice"),
            req("aws:username=bob"),
            false),
        row(
            "a plain operator never matches a multivalued key",
            "StringEquals",
            "aws:TagKeys",
            List.of("a"),
            req("aws:TagKeys=[a]"),
            false),
        // Numeric
        row(
            "NumericLessThan",
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            List.of("3600"),
            req("aws:MultiFactorAuthAge=100"),
            true),
        row(
            "NumericLessThan at the bound",
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            List.of("3600"),
            req("aws:MultiFactorAuthAge=3600"),
            false),
        row(
            "NumericLessThanEquals at the bound",
            "NumericLessThanEquals",
            "aws:MultiFactorAuthAge",
            List.of("3600"),
            req("aws:MultiFactorAuthAge=3600"),
            true),
        row(
            "NumericGreaterThan with decimals",
            "NumericGreaterThan",
            "s3:max-keys",
            List.of("10.5"),
            req("s3:max-keys=11"),
            true),
        row(
            "NumericGreaterThanEquals",
            "NumericGreaterThanEquals",
            "s3:max-keys",
            List.of("10"),
            req("s3:max-keys=9"),
            false),
        row(
            "NumericEquals compares numbers, not text",
            "NumericEquals",
            "s3:max-keys",
            List.of("10"),
            req("s3:max-keys=10.0"),
            true),
        row(
            "NumericNotEquals is NOR",
            "NumericNotEquals",
            "s3:max-keys",
            List.of("1", "2"),
            req("s3:max-keys=2"),
            false),
        row(
            "a request value that is not a number never compares",
            "NumericLessThan",
            "s3:max-keys",
            List.of("10"),
            req("s3:max-keys=ten"),
            false),
        row(
            "NumericLessThan is false for a missing key",
            "NumericLessThan",
            "aws:MultiFactorAuthAge",
            List.of("10"),
            req(),
            false),
        row(
            "NumericLessThanIfExists is true for a missing key",
            "NumericLessThanIfExists",
            "aws:MultiFactorAuthAge",
            List.of("10"),
            req(),
            true),
        row(
            "[unconfirmed] a request value that is not a number satisfies no negated comparison either",
            "NumericNotEquals",
            "s3:max-keys",
            List.of("10"),
            req("s3:max-keys=ten"),
            false),
        row(
            "[unconfirmed] a policy value that is not a number makes a negated comparison false",
            "NumericNotEquals",
            "s3:max-keys",
            List.of("abc", "5"),
            req("s3:max-keys=7"),
            false),
        row(
            "a policy value that is not a number is skipped by a positive comparison",
            "NumericEquals",
            "s3:max-keys",
            List.of("abc", "7"),
            req("s3:max-keys=7"),
            true),
        // Date
        row(
            "[unconfirmed] a request value that is not a date satisfies no negated comparison either",
            "DateNotEquals",
            "aws:CurrentTime",
            List.of("2020-01-01"),
            req("aws:CurrentTime=soon"),
            false),
        row(
            "epoch values are seconds (aws:EpochTime, reference_policies_condition-keys.html)",
            "DateEquals",
            "aws:CurrentTime",
            List.of("1795867200"),
            req("aws:CurrentTime=2026-11-28T12:00:00Z"),
            true),
        row(
            "epoch seconds in the request compare with ISO dates",
            "DateLessThan",
            "aws:EpochTime",
            List.of("2020-01-01"),
            req("aws:EpochTime=1795867200"),
            false),
        row(
            "DateGreaterThan with ISO dates",
            "DateGreaterThan",
            "aws:CurrentTime",
            List.of("2020-01-01T00:00:00Z"),
            req("aws:CurrentTime=2026-11-28T12:00:00Z"),
            true),
        row(
            "DateLessThan with a date only",
            "DateLessThan",
            "aws:CurrentTime",
            List.of("2025-01-01"),
            req("aws:CurrentTime=2026-11-28T12:00:00Z"),
            false),
        row(
            "DateLessThan with epoch seconds",
            "DateLessThan",
            "aws:EpochTime",
            List.of("2000000000"),
            req("aws:EpochTime=1795867200"),
            true),
        row(
            "DateEquals across time zones",
            "DateEquals",
            "aws:CurrentTime",
            List.of("2026-11-28T13:00:00+01:00"),
            req("aws:CurrentTime=2026-11-28T12:00:00Z"),
            true),
        row(
            "DateNotEquals for a different instant",
            "DateNotEquals",
            "aws:CurrentTime",
            List.of("2026-11-28T12:00:00Z"),
            req("aws:CurrentTime=2026-11-28T12:00:01Z"),
            true),
        row(
            "DateGreaterThanEquals is false for a missing key",
            "DateGreaterThanEquals",
            "aws:TokenIssueTime",
            List.of("2020-01-01"),
            req(),
            false),
        // Bool
        row(
            "Bool true",
            "Bool",
            "aws:SecureTransport",
            List.of("true"),
            req("aws:SecureTransport=true"),
            true),
        row(
            "Bool ignores case",
            "Bool",
            "aws:SecureTransport",
            List.of("false"),
            req("aws:SecureTransport=FALSE"),
            true),
        row(
            "Bool false against true",
            "Bool",
            "aws:SecureTransport",
            List.of("false"),
            req("aws:SecureTransport=true"),
            false),
        row(
            "Bool is false for a missing key",
            "Bool",
            "aws:MultiFactorAuthPresent",
            List.of("false"),
            req(),
            false),
        row(
            "BoolIfExists is true for a missing key",
            "BoolIfExists",
            "aws:MultiFactorAuthPresent",
            List.of("false"),
            req(),
            true),
        // Binary
        row(
            "BinaryEquals compares the decoded bytes",
            "BinaryEquals",
            "key",
            List.of("QmluYXJ5VmFsdWU="),
            req("key=QmluYXJ5VmFsdWU="),
            true),
        row(
            "BinaryEquals with other bytes",
            "BinaryEquals",
            "key",
            List.of("QmluYXJ5VmFsdWU="),
            req("key=T3RoZXI="),
            false),
        // IP
        row(
            "IpAddress in an IPv4 block",
            "IpAddress",
            "aws:SourceIp",
            List.of("203.0.113.0/24"),
            req("aws:SourceIp=203.0.113.77"),
            true),
        row(
            "IpAddress outside an IPv4 block",
            "IpAddress",
            "aws:SourceIp",
            List.of("203.0.113.0/24"),
            req("aws:SourceIp=203.0.114.1"),
            false),
        row(
            "IpAddress with a bare address is /32",
            "IpAddress",
            "aws:SourceIp",
            List.of("10.1.2.3"),
            req("aws:SourceIp=10.1.2.3"),
            true),
        row(
            "0.0.0.0/0 holds every IPv4 address (RFC 4632 CIDR)",
            "IpAddress",
            "aws:SourceIp",
            List.of("0.0.0.0/0"),
            req("aws:SourceIp=8.8.8.8"),
            true),
        row(
            "::/0 holds every IPv6 address",
            "IpAddress",
            "aws:SourceIp",
            List.of("::/0"),
            req("aws:SourceIp=2001:db8::1"),
            true),
        row(
            "IpAddress with an odd prefix",
            "IpAddress",
            "aws:SourceIp",
            List.of("10.0.0.0/9"),
            req("aws:SourceIp=10.128.0.1"),
            false),
        row(
            "IpAddress in an IPv6 block",
            "IpAddress",
            "aws:SourceIp",
            List.of("2001:DB8:1234:5678::/64"),
            req("aws:SourceIp=2001:db8:1234:5678::2"),
            true),
        row(
            "IpAddress outside an IPv6 block",
            "IpAddress",
            "aws:SourceIp",
            List.of("2001:db8::/32"),
            req("aws:SourceIp=2001:db9::1"),
            false),
        row(
            "an IPv4 address is not in an IPv6 block",
            "IpAddress",
            "aws:SourceIp",
            List.of("::/0"),
            req("aws:SourceIp=10.0.0.1"),
            false),
        row(
            "NotIpAddress outside every block",
            "NotIpAddress",
            "aws:SourceIp",
            List.of("10.0.0.0/8", "192.168.0.0/16"),
            req("aws:SourceIp=8.8.8.8"),
            true),
        row(
            "NotIpAddress inside one block",
            "NotIpAddress",
            "aws:SourceIp",
            List.of("10.0.0.0/8", "192.168.0.0/16"),
            req("aws:SourceIp=192.168.3.4"),
            false),
        row(
            "NotIpAddress is true for a missing key",
            "NotIpAddress",
            "aws:SourceIp",
            List.of("10.0.0.0/8"),
            req(),
            true),
        // ARN
        row(
            "ArnLike matches per component",
            "ArnLike",
            "aws:SourceArn",
            List.of("arn:aws:s3:::bucket-*"),
            req("aws:SourceArn=arn:aws:s3:::bucket-a"),
            true),
        row(
            "ArnLike keeps * within a component",
            "ArnLike",
            "aws:SourceArn",
            List.of("arn:aws:someservice:*:111122223333:finance/*"),
            req(
                "aws:SourceArn=arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"),
            false),
        row(
            "ArnEquals behaves like ArnLike",
            "ArnEquals",
            "aws:PrincipalArn",
            List.of("arn:aws:iam::111111111111:role/*"),
            req("aws:PrincipalArn=arn:aws:iam::111111111111:role/x"),
            true),
        row(
            "ArnLike is case-sensitive",
            "ArnLike",
            "aws:PrincipalArn",
            List.of("arn:aws:iam::111111111111:role/X"),
            req("aws:PrincipalArn=arn:aws:iam::111111111111:role/x"),
            false),
        row(
            "ArnNotLike is true for another account",
            "ArnNotLike",
            "aws:PrincipalArn",
            List.of("arn:aws:iam::111111111111:*"),
            req("aws:PrincipalArn=arn:aws:iam::222222222222:role/x"),
            true),
        row(
            "ArnNotEquals is true for a missing key",
            "ArnNotEquals",
            "aws:SourceArn",
            List.of("arn:aws:s3:::b"),
            req(),
            true),
        row(
            "ArnLike does not match a non-ARN",
            "ArnLike",
            "aws:SourceArn",
            List.of("arn:aws:s3:::*"),
            req("aws:SourceArn=bucket"),
            false),
        // Null
        row(
            "Null true for a missing key",
            "Null",
            "aws:TokenIssueTime",
            List.of("true"),
            req(),
            true),
        row(
            "Null true for a present key",
            "Null",
            "aws:TokenIssueTime",
            List.of("true"),
            req("aws:TokenIssueTime=2026-01-01T00:00:00Z"),
            false),
        row(
            "Null false for a present key",
            "Null",
            "aws:TagKeys",
            List.of("false"),
            req("aws:TagKeys=[a]"),
            true),
        // Set operators
        row(
            "ForAnyValue with one match",
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            List.of("env", "team"),
            req("aws:TagKeys=[cost,team]"),
            true),
        row(
            "ForAnyValue with no match",
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            List.of("env"),
            req("aws:TagKeys=[cost]"),
            false),
        row(
            "ForAnyValue is false for a missing key",
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            List.of("env"),
            req(),
            false),
        row(
            "ForAnyValue is false for an empty set",
            "ForAnyValue:StringEquals",
            "aws:TagKeys",
            List.of("env"),
            req("aws:TagKeys=[]"),
            false),
        row(
            "ForAllValues with every value listed",
            "ForAllValues:StringLike",
            "aws:TagKeys",
            List.of("env*", "team"),
            req("aws:TagKeys=[envx,team]"),
            true),
        row(
            "ForAllValues with one value unlisted",
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            List.of("env", "team"),
            req("aws:TagKeys=[env,cost]"),
            false),
        row(
            "ForAllValues is true for a missing key",
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            List.of("env"),
            req(),
            true),
        row(
            "ForAllValues is true for an empty set",
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            List.of("env"),
            req("aws:TagKeys=[]"),
            true),
        row(
            "ForAllValues:StringNotLike, no value like the pattern",
            "ForAllValues:StringNotLike",
            "aws:TagKeys",
            List.of("key1*"),
            req("aws:TagKeys=[key2]"),
            true),
        row(
            "ForAllValues:StringNotLike, a value like the pattern",
            "ForAllValues:StringNotLike",
            "aws:TagKeys",
            List.of("key1*"),
            req("aws:TagKeys=[key1]"),
            false),
        row(
            "ForAllValues:StringNotLike, key absent",
            "ForAllValues:StringNotLike",
            "aws:TagKeys",
            List.of("key1*"),
            req(),
            true),
        row(
            "ForAnyValue:StringNotEquals, one value unlisted",
            "ForAnyValue:StringNotEquals",
            "aws:TagKeys",
            List.of("env"),
            req("aws:TagKeys=[env,cost]"),
            true),
        row(
            "ForAnyValue on a single-valued key",
            "ForAnyValue:StringEquals",
            "aws:username",
            List.of("alice"),
            req("aws:username=alice"),
            true),
        row(
            "ForAllValues:StringEqualsIfExists on a missing key",
            "ForAllValues:StringEqualsIfExists",
            "aws:TagKeys",
            List.of("a"),
            req(),
            true),
        row(
            "operator names ignore case",
            "stringequals",
            "aws:username",
            List.of("alice"),
            req("aws:username=alice"),
            true),
        // Policy variables
        row(
            "a variable in StringEquals",
            "StringEquals",
            "s3:prefix",
            List.of("${aws:username}"),
            req("s3:prefix=alice", "aws:username=alice"),
            true),
        row(
            "a variable in StringLike keeps wildcards",
            "StringLike",
            "s3:prefix",
            List.of("home/${aws:username}/*"),
            req("s3:prefix=home/alice/x", "aws:username=alice"),
            true),
        row(
            "a variable without a value matches nothing",
            "StringLike",
            "s3:prefix",
            List.of("home/${aws:username}/*"),
            req("s3:prefix=home/alice/x"),
            false),
        row(
            "a negated operator with an unfilled variable is true",
            "StringNotEquals",
            "s3:prefix",
            List.of("${aws:username}"),
            req("s3:prefix=x"),
            true),
        row(
            "a variable's default fills a missing key",
            "StringEquals",
            "s3:prefix",
            List.of("${aws:PrincipalTag/team, 'company-wide'}"),
            req("s3:prefix=company-wide"),
            true),
        row(
            "${*} is a literal star",
            "StringLike",
            "s3:prefix",
            List.of("a${*}b"),
            req("s3:prefix=a*b"),
            true),
        row(
            "${*} is not a wildcard",
            "StringLike",
            "s3:prefix",
            List.of("a${*}b"),
            req("s3:prefix=axb"),
            false),
        row(
            "${?} and ${$} are literals",
            "StringEquals",
            "s3:prefix",
            List.of("${?}${$}"),
            req("s3:prefix=?$"),
            true),
        row(
            "a variable's value is never a wildcard",
            "StringLike",
            "s3:prefix",
            List.of("${aws:username}"),
            req("s3:prefix=anything", "aws:username=*"),
            false),
        row(
            "a variable in ArnLike",
            "ArnLike",
            "aws:SourceArn",
            List.of("arn:aws:s3:::${aws:username}-*"),
            req("aws:SourceArn=arn:aws:s3:::alice-bucket", "aws:username=alice"),
            true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluates(
      String name,
      String operator,
      String key,
      List<String> values,
      String[] request,
      boolean expected) {
    Condition condition = Condition.compile(operator, key, values, true);
    assertThat(condition.test(context(request))).isEqualTo(expected);
  }

  static Stream<Arguments> literalInOldDocuments() {
    return Stream.of(
        arguments("${aws:username}", "alice", false),
        arguments("${aws:username}", "${aws:username}", true));
  }

  @ParameterizedTest(name = "without variables, {0} against {1} is {2}")
  @MethodSource("literalInOldDocuments")
  void variablesAreLiteral_inVersion2008(
      String policyValue, String requestValue, boolean expected) {
    Condition condition =
        Condition.compile("StringEquals", "s3:prefix", List.of(policyValue), false);
    assertThat(condition.test(context("s3:prefix=" + requestValue, "aws:username=alice")))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "the date {0} is {1} ms after the epoch")
  @MethodSource("dates")
  void parsesDates(String text, @Nullable Long millis) {
    assertThat(DateCondition.parse(text)).isEqualTo(millis);
  }

  static Stream<Arguments> dates() {
    return Stream.of(
        arguments("2026-11-28T12:00:00Z", 1_795_867_200_000L),
        arguments("2026-11-28T12:00:00.250Z", 1_795_867_200_250L),
        arguments("2026-11-28T13:00:00+01:00", 1_795_867_200_000L),
        arguments("2026-11-28T12:00:00", 1_795_867_200_000L),
        arguments("2026-11-28", 1_795_824_000_000L),
        arguments("1795867200", 1_795_867_200_000L),
        arguments("2024-02-29T00:00:00Z", 1_709_164_800_000L),
        arguments("2023-02-29T00:00:00Z", null),
        arguments("2026-13-01T00:00:00Z", null),
        arguments("tomorrow", null));
  }

  @ParameterizedTest(name = "{0} is rejected")
  @MethodSource("badOperators")
  void rejectsUnknownOperators(String operator) {
    assertThatThrownBy(() -> Condition.compile(operator, "k", List.of("v"), true))
        .isInstanceOf(ConditionSyntaxException.class);
  }

  static Stream<String> badOperators() {
    return Stream.of(
        "StringEqualz", "ForSome:StringEquals", "NullIfExists", "ForAnyValue:Null", "IfExists");
  }
}
