package ferry.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {
  private final PolicyParser parser = new PolicyParser();

  private static final String OK_STATEMENT =
      "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"";

  private static String identity(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + statement + "}]}";
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments(
            "not JSON",
            PolicyKind.IDENTITY,
            "{\"Version\":",
            "Syntax errors in policy.",
            "not valid JSON"),
        arguments(
            "a JSON array",
            PolicyKind.IDENTITY,
            "[]",
            "Syntax errors in policy.",
            "not a JSON object"),
        arguments(
            "a duplicate key",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
            "Syntax errors in policy.",
            "Duplicate field 'Effect'"),
        arguments(
            "an unknown top-level element",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statment\":[]}",
            "Syntax errors in policy.",
            "unknown element \"Statment\""),
        arguments(
            "no Statement",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\"}",
            "Syntax errors in policy.",
            "no Statement"),
        arguments(
            "an empty Statement list",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[]}",
            "Syntax errors in policy.",
            "Statement list is empty"),
        arguments(
            "a statement that is a string",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[\"Allow\"]}",
            "Syntax errors in policy.",
            "must be a JSON object"),
        arguments(
            "an unknown Version",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2013-10-17\",\"Statement\":[{" + OK_STATEMENT + "}]}",
            "Syntax errors in policy.",
            "Version is \"2013-10-17\""),
        arguments(
            "an Id that is a number",
            PolicyKind.BUCKET,
            "{\"Version\":\"2012-10-17\",\"Id\":7,\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}",
            "Syntax errors in policy.",
            "Id must be a string"),
        arguments(
            "an unknown statement element",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"Actions\":\"s3:*\""),
            "Syntax errors in policy.",
            "unknown element \"Actions\""),
        arguments(
            "no Effect",
            PolicyKind.IDENTITY,
            identity("\"Action\":\"s3:*\",\"Resource\":\"*\""),
            "Syntax errors in policy.",
            "has no Effect"),
        arguments(
            "Effect Permit",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Permit\",\"Action\":\"s3:*\",\"Resource\":\"*\""),
            "Syntax errors in policy.",
            "\"Permit\" is neither Allow nor Deny"),
        arguments(
            "Effect in the wrong case",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"aLLow\",\"Action\":\"s3:*\",\"Resource\":\"*\""),
            "The policy failed legacy parsing",
            "spelled \"Allow\" or \"Deny\" exactly"),
        arguments(
            "both Action and NotAction",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"NotAction\":\"s3:PutObject\""),
            "Syntax errors in policy.",
            "either Action or NotAction"),
        arguments(
            "both Resource and NotResource",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"NotResource\":\"arn:aws:s3:::c/*\""),
            "Syntax errors in policy.",
            "either Resource or NotResource"),
        arguments(
            "no Action",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Resource\":\"*\""),
            "Policy statement must contain actions.",
            "no Action or NotAction"),
        arguments(
            "an empty Action list",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\""),
            "Policy statement must contain actions.",
            "empty list"),
        arguments(
            "no Resource in an identity policy",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"s3:*\""),
            "Policy statement must contain resources.",
            "no Resource"),
        arguments(
            "an action without a vendor",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"GetObject\",\"Resource\":\"*\""),
            "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.",
            "\"GetObject\" has no service prefix"),
        arguments(
            "an action with two colons",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"s3:Get:Object\",\"Resource\":\"*\""),
            "Actions/Condition can contain only one colon.",
            "more than one colon"),
        arguments(
            "an invalid vendor",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"s 3:GetObject\",\"Resource\":\"*\""),
            "Vendor s 3 is not valid",
            "not a service prefix"),
        arguments(
            "an action that is a number",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":[3],\"Resource\":\"*\""),
            "Syntax errors in policy.",
            "Action values must be strings"),
        arguments(
            "a resource that is not an ARN",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"bucket/key\""),
            "Resource bucket/key must be in ARN format or \"*\".",
            "neither an ARN nor \"*\""),
        arguments(
            "an ARN with five parts",
            PolicyKind.IDENTITY,
            identity(
                "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3::bucket\""),
            "The policy failed legacy parsing",
            "fewer than the six parts"),
        arguments(
            "a variable in the account field",
            PolicyKind.IDENTITY,
            identity(
                "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:iam::${aws:PrincipalAccount}:user/x\""),
            "The policy failed legacy parsing",
            "outside the resource part"),
        arguments(
            "an unknown partition",
            PolicyKind.IDENTITY,
            identity("\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:awz:s3:::b/*\""),
            "Partition \"awz\" is not valid for resource \"arn:awz:s3:::b/*\".",
            "not an AWS partition"),
        arguments(
            "an S3 ARN with a region",
            PolicyKind.IDENTITY,
            identity(
                "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:us-east-1::b/*\""),
            "Resource arn:aws:s3:us-east-1::b/* can not contain region information.",
            "has no region"),
        arguments(
            "an IAM ARN with a region",
            PolicyKind.IDENTITY,
            identity(
                "\"Effect\":\"Allow\",\"Action\":\"iam:*\",\"Resource\":\"arn:aws:iam:us-east-1:111111111111:user/x\""),
            "IAM resource arn:aws:iam:us-east-1:111111111111:user/x cannot contain region information.",
            "has no region"),
        arguments(
            "a principal in an identity policy",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"Principal\":\"*\""),
            "Policy document should not specify a principal.",
            "names no principal"),
        arguments(
            "a principal in a session policy",
            PolicyKind.SESSION,
            identity(OK_STATEMENT + ",\"Principal\":{\"AWS\":\"111111111111\"}"),
            "Policy document should not specify a principal.",
            "Principal"),
        arguments(
            "a trust policy without a principal",
            PolicyKind.TRUST,
            identity("\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\""),
            "Missing required field Principal",
            "whom it applies to"),
        arguments(
            "a trust policy granting an S3 action",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":[\"sts:AssumeRole\",\"s3:GetObject\"]"),
            "AssumeRole policy may only specify STS AssumeRole actions.",
            "\"s3:GetObject\" is not one of sts:AssumeRole"),
        arguments(
            "a trust policy granting a wildcard that matches no assume action",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:Get*\""),
            "AssumeRole policy may only specify STS AssumeRole actions.",
            "\"sts:Get*\""),
        arguments(
            "a trust policy naming a Resource",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\",\"Resource\":\"*\""),
            "Has prohibited field Resource.",
            "names no Resource"),
        arguments(
            "a trust policy naming a NotResource",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\",\"NotResource\":\"arn:aws:s3:::b\""),
            "Has prohibited field NotResource.",
            "names no NotResource"),
        arguments(
            "a bucket policy without a principal",
            PolicyKind.BUCKET,
            identity(OK_STATEMENT),
            "Missing required field Principal",
            "whom it applies to"),
        arguments(
            "a wildcard in a principal ARN",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:role/*\"},\"Action\":\"sts:AssumeRole\""),
            "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111111111111:role/*\"",
            "cannot hold a wildcard"),
        arguments(
            "a principal that is not an ARN",
            PolicyKind.BUCKET,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}",
            "Invalid principal in policy",
            "not an account id, ARN or unique id"),
        arguments(
            "a principal of an S3 ARN in a key policy",
            PolicyKind.KEY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:s3:::b\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "Policy contains a statement with one or more invalid principals.",
            "is not a valid principal"),
        arguments(
            "an unknown principal type",
            PolicyKind.BUCKET,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Aws\":\"111111111111\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}",
            "Syntax errors in policy.",
            "unknown principal type \"Aws\""),
        arguments(
            "NotPrincipal in a trust policy",
            PolicyKind.TRUST,
            identity(
                "\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"111111111111\"},\"Action\":\"sts:AssumeRole\""),
            "Syntax errors in policy.",
            "not allowed in a role trust policy"),
        arguments(
            "NotPrincipal with Allow",
            PolicyKind.BUCKET,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"111111111111\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}",
            "Syntax errors in policy.",
            "only with \"Effect\": \"Deny\""),
        arguments(
            "a duplicate Sid",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"A\","
                + OK_STATEMENT
                + "},{\"Sid\":\"A\","
                + OK_STATEMENT
                + "}]}",
            "Statement IDs (SID) in a single policy must be unique.",
            "Sid \"A\" is used twice"),
        arguments(
            "a Sid with a space in an identity policy",
            PolicyKind.IDENTITY,
            identity("\"Sid\":\"Read it\"," + OK_STATEMENT),
            "Statement IDs (SID) must be alpha-numeric.",
            "only letters and digits"),
        arguments(
            "an unknown condition operator",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"Condition\":{\"StringEqualz\":{\"aws:username\":\"a\"}}"),
            "Syntax errors in policy.",
            "unknown condition operator StringEqualz"),
        arguments(
            "Null with IfExists",
            PolicyKind.IDENTITY,
            identity(
                OK_STATEMENT + ",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}"),
            "Syntax errors in policy.",
            "neither IfExists nor a set operator"),
        arguments(
            "an unknown set operator",
            PolicyKind.IDENTITY,
            identity(
                OK_STATEMENT
                    + ",\"Condition\":{\"ForSomeValues:StringEquals\":{\"aws:TagKeys\":\"a\"}}"),
            "Syntax errors in policy.",
            "unknown set operator"),
        arguments(
            "a condition body that is a string",
            PolicyKind.IDENTITY,
            identity(OK_STATEMENT + ",\"Condition\":{\"StringEquals\":\"a\"}"),
            "Syntax errors in policy.",
            "body must be an object"),
        arguments(
            "a condition value that is an object",
            PolicyKind.IDENTITY,
            identity(
                OK_STATEMENT + ",\"Condition\":{\"StringEquals\":{\"aws:username\":{\"a\":1}}}"),
            "Syntax errors in policy.",
            "must be a string or a list"),
        arguments(
            "a date that is not a date",
            PolicyKind.IDENTITY,
            identity(
                OK_STATEMENT
                    + ",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"yesterday\"}}"),
            "The policy failed legacy parsing",
            "'yesterday' under DateGreaterThan is not a date"),
        arguments(
            "an unclosed policy variable",
            PolicyKind.IDENTITY,
            identity(
                "\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"s3:prefix\":\"${aws:username/*\"}}"),
            "Syntax errors in policy.",
            "not closed"),
        arguments(
            "a managed policy of Version 2008-10-17",
            PolicyKind.MANAGED,
            "{\"Version\":\"2008-10-17\",\"Statement\":[{" + OK_STATEMENT + "}]}",
            "Policy document must be version 2012-10-17 or greater.",
            "not 2008-10-17"),
        arguments(
            "a managed policy without Version",
            PolicyKind.MANAGED,
            "{\"Statement\":[{" + OK_STATEMENT + "}]}",
            "Policy document must be version 2012-10-17 or greater.",
            "needs \"Version\""),
        arguments(
            "a character outside Latin-1",
            PolicyKind.IDENTITY,
            identity("\"Sid\":\"Caf\u00e9\u2603\"," + OK_STATEMENT),
            "Syntax errors in policy.",
            "U+2603"),
        arguments(
            "a CanonicalUser outside a bucket policy",
            PolicyKind.KEY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"CanonicalUser\":\"79a5\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
            "Policy contains a statement with one or more invalid principals.",
            "for bucket policies only"));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("malformed")
  void rejectsAMalformedDocument_withAwsWordsAndTheProblemNamed(
      String name, PolicyKind kind, String document, String awsMessage, String detail) {
    assertThatThrownBy(() -> parser.parse(document, kind))
        .isInstanceOfSatisfying(
            PolicyValidationException.class,
            e -> {
              assertThat(e.awsMessage()).startsWith(awsMessage);
              assertThat(e.getMessage()).contains(detail);
              assertThat(e.problems()).isNotEmpty();
              assertThat(e.tooLarge()).isFalse();
            });
  }

  @Test
  void namesTheStatementAndField() {
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{"
            + OK_STATEMENT
            + "},{\"Sid\":\"Second\",\"Effect\":\"Permit\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    assertThatThrownBy(() -> parser.parse(doc, PolicyKind.IDENTITY))
        .isInstanceOfSatisfying(
            PolicyValidationException.class,
            e -> {
              ValidationProblem p = e.problems().get(0);
              assertThat(p.statement()).isEqualTo(1);
              assertThat(p.sid()).isEqualTo("Second");
              assertThat(p.field()).isEqualTo("Effect");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "Syntax errors in policy. Statement[1] (Sid \"Second\"), Effect: Effect"
                          + " \"Permit\" is neither Allow nor Deny");
            });
  }

  @Test
  void reportsTheFirstProblemInIamOrder() {
    // A missing Action (rank 5) comes after a wrong-case Effect (rank 3).
    String doc = identity("\"Effect\":\"deny\",\"Resource\":\"*\"");
    assertThatThrownBy(() -> parser.parse(doc, PolicyKind.IDENTITY))
        .isInstanceOfSatisfying(
            PolicyValidationException.class,
            e -> {
              assertThat(e.awsMessage()).isEqualTo("The policy failed legacy parsing");
              assertThat(e.problems())
                  .extracting(ValidationProblem::message)
                  .contains("Policy statement must contain actions.");
            });
  }

  static Stream<Arguments> tooLarge() {
    return Stream.of(
        arguments(PolicyKind.TRUST, "Cannot exceed quota for ACLSizePerRole: 2048"),
        arguments(PolicyKind.MANAGED, "Cannot exceed quota for PolicySize: 6144"),
        arguments(PolicyKind.SESSION, "Packed policy consumes more than 100% of the allotted size"),
        arguments(PolicyKind.BUCKET, "Policies must be less than 20 KB"),
        arguments(PolicyKind.KEY, "The key policy exceeds the maximum size of 32768 bytes"));
  }

  @ParameterizedTest(name = "a {0} over its size limit is too large")
  @MethodSource("tooLarge")
  void rejectsADocumentOverItsSizeLimit(PolicyKind kind, String message) {
    String big = identity(OK_STATEMENT + ",\"Sid\":\"" + "A".repeat(kind.maxSize()) + "\"");
    assertThatThrownBy(() -> parser.parse(big, kind))
        .isInstanceOfSatisfying(
            PolicyValidationException.class,
            e -> {
              assertThat(e.tooLarge()).isTrue();
              assertThat(e.awsMessage()).isEqualTo(message);
            });
  }

  @Test
  void whitespaceDoesNotCountTowardsTheSize() {
    String spaced = identity(OK_STATEMENT).replace(",", ",\n" + " ".repeat(3_000));
    Policy policy =
        parser.parse(
            spaced,
            PolicyKind.TRUST.equals(PolicyKind.IDENTITY) ? PolicyKind.TRUST : PolicyKind.SESSION);
    assertThat(policy.size()).isEqualTo(PolicyParser.size(identity(OK_STATEMENT)));
  }

  @Test
  void acceptsTheGuidesQuirks() {
    // Trust policy with an empty Condition, identity policy with a single statement object,
    // bucket policy with empty Sids twice, a key policy Sid with spaces.
    parser.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111111111111:role/service-role/X\"]},\"Action\":\"sts:AssumeRole\",\"Condition\":{}}]}",
        PolicyKind.TRUST);
    parser.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":[\"arn:aws:iam::222222222222:role/prods3role\"]}}",
        PolicyKind.MANAGED);
    Policy bucket =
        parser.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":[\"s3:Get*\",\"s3:Put*\"],\"Resource\":\"arn:aws:s3:::b/*\"},{\"Sid\":\"\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::b\"}]}",
            PolicyKind.BUCKET);
    assertThat(bucket.statements()).hasSize(2);
    parser.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111111111111:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
        PolicyKind.KEY);
  }

  @ParameterizedTest(name = "a trust policy may grant {0}")
  @ValueSource(
      strings = {
        "sts:AssumeRole",
        "sts:AssumeRoleWithWebIdentity",
        "sts:AssumeRoleWithSAML",
        "sts:TagSession",
        "sts:SetSourceIdentity",
        "STS:assumerole",
        "sts:*",
        "sts:Assume*",
        "*"
      })
  void aTrustPolicy_mayGrantTheActionsThatAssumeTheRole(String action) {
    Policy policy =
        parser.parse(
            identity(
                "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111111111111\"},\"Action\":\""
                    + action
                    + "\""),
            PolicyKind.TRUST);
    assertThat(policy.statements()).hasSize(1);
  }

  @Test
  void anUnknownOperatorWithAnEmptyBody_isAccepted_asIamDoes() {
    Policy p =
        parser.parse(
            identity(OK_STATEMENT + ",\"Condition\":{\"Whatever\":{}}"), PolicyKind.IDENTITY);
    assertThat(p.statements().get(0).conditions()).isEmpty();
  }

  @Test
  void aBucketPolicy_mayNameOnlyItsBucketAndObjects() {
    String mine =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":[\"arn:aws:s3:::b\",\"arn:aws:s3:::b/*\"]}]}";
    assertThat(parser.parseBucketPolicy(mine, "b").statements()).hasSize(1);
    String foreign = mine.replace("arn:aws:s3:::b/*", "arn:aws:s3:::bb/*");
    assertThatThrownBy(() -> parser.parseBucketPolicy(foreign, "b"))
        .isInstanceOfSatisfying(
            PolicyValidationException.class,
            e -> {
              assertThat(e.awsMessage()).isEqualTo("Policy has invalid resource");
              assertThat(e.getMessage())
                  .contains("Statement[0], Resource: \"arn:aws:s3:::bb/*\" is neither the bucket");
            });
  }

  @Test
  void principalValues_areListedForExistenceChecks() {
    Policy trust =
        parser.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::111111111111:role/a\",\"222222222222\"],\"Service\":\"codepipeline.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}",
            PolicyKind.TRUST);
    PrincipalElement principal = trust.statements().get(0).principal();
    assertThat(principal.aws()).containsExactly("arn:aws:iam::111111111111:role/a", "222222222222");
    assertThat(principal.values()).contains("Service:codepipeline.amazonaws.com");
  }

  @Test
  void compiledPoliciesAreCachedByText() {
    String doc = identity(OK_STATEMENT);
    assertThat(parser.parse(doc, PolicyKind.IDENTITY))
        .isSameAs(parser.parse(doc, PolicyKind.IDENTITY));
    assertThat(parser.parse(doc, PolicyKind.IDENTITY))
        .isNotSameAs(parser.parse(doc, PolicyKind.SESSION));
  }

  @Test
  void variablesAreOnlyOnIn2012Documents() {
    assertThat(parser.parse(identity(OK_STATEMENT), PolicyKind.IDENTITY).variablesEnabled())
        .isTrue();
    assertThat(
            parser
                .parse(
                    "{\"Version\":\"2008-10-17\",\"Statement\":[{" + OK_STATEMENT + "}]}",
                    PolicyKind.IDENTITY)
                .variablesEnabled())
        .isFalse();
    assertThat(
            parser
                .parse("{\"Statement\":[{" + OK_STATEMENT + "}]}", PolicyKind.IDENTITY)
                .variablesEnabled())
        .isFalse();
  }
}
