package ferry.policy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of the evaluation logic (spec §2.3–2.6, §3.1, §4.3), one row per rule. */
class EvaluationTest {
  private static final PolicyParser PARSER = new PolicyParser();
  private static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

  static final String A = "111111111111";
  static final String B = "222222222222";
  static final RequestPrincipal ALICE = RequestPrincipal.user(A, "/", "alice", "AIDAALICE");
  static final RequestPrincipal CAROL = RequestPrincipal.user(B, "/", "carol", "AIDACAROL");
  static final RequestPrincipal SESSION =
      RequestPrincipal.assumedRole(A, "/service-role/", "builder", "AROABUILDER", "s1");
  static final RequestPrincipal PROD_SESSION =
      RequestPrincipal.assumedRole(B, "/", "deployer", "AROADEPLOYER", "s2");
  static final RequestPrincipal ROOT_A = RequestPrincipal.accountRoot(A);
  static final String OBJECT = "arn:aws:s3:::bucket-a/k.txt";
  static final String KEY = "arn:aws:kms:us-east-1:111111111111:key/k1";
  static final String ROLE = "arn:aws:iam::111111111111:role/target";

  static Policy identity(String action, String resource) {
    return PARSER.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
            + action
            + "\",\"Resource\":\""
            + resource
            + "\"}]}",
        PolicyKind.IDENTITY);
  }

  static Policy identityDeny(String action, String resource) {
    return PARSER.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\""
            + action
            + "\",\"Resource\":\""
            + resource
            + "\"}]}",
        PolicyKind.IDENTITY);
  }

  static Policy kind(Policy p, PolicyKind kind) {
    return PARSER.parse(p.text(), kind);
  }

  /** A resource policy with one statement; principal is JSON, e.g. {"AWS":"111111111111"}. */
  static Policy resource(PolicyKind kind, String effect, String principal, String action) {
    String resource = kind == PolicyKind.TRUST ? "" : ",\"Resource\":\"*\"";
    return PARSER.parse(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\""
            + effect
            + "\",\"Principal\":"
            + principal
            + ",\"Action\":\""
            + action
            + "\""
            + resource
            + "}]}",
        kind);
  }

  static Policy bucket(String principal) {
    return resource(PolicyKind.BUCKET, "Allow", principal, "s3:GetObject");
  }

  static String aws(String value) {
    return "{\"AWS\":\"" + value + "\"}";
  }

  record Row(
      String name,
      RequestPrincipal principal,
      String action,
      String resource,
      String resourceAccount,
      UnaryOperator<PolicySet.Builder> policies,
      Outcome expected,
      String messageEnd) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Arguments row(
      String name,
      RequestPrincipal principal,
      String action,
      String resource,
      String resourceAccount,
      UnaryOperator<PolicySet.Builder> policies,
      Outcome expected,
      String messageEnd) {
    return arguments(
        new Row(
            name, principal, action, resource, resourceAccount, policies, expected, messageEnd));
  }

  static Stream<Arguments> rows() {
    Policy getObject = identity("s3:GetObject", OBJECT);
    return Stream.of(
        row(
            "no policy at all: implicit deny",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b,
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "same account: an identity Allow suffices",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.identity("p", getObject),
            Outcome.ALLOW,
            ""),
        row(
            "an explicit Deny in an identity policy wins over every Allow",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .identity("d", identityDeny("s3:*", "*"))
                    .resource("bp", bucket(aws(ALICE.arn()))),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in an identity-based policy"),
        row(
            "an explicit Deny in a bucket policy wins",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource("bp", resource(PolicyKind.BUCKET, "Deny", "\"*\"", "s3:Get*")),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a resource-based policy"),
        row(
            "a Deny naming the account applies to its users",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource("bp", resource(PolicyKind.BUCKET, "Deny", aws(A), "s3:GetObject")),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a resource-based policy"),
        row(
            "same account: a bucket policy naming the user suffices",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws(ALICE.arn()))),
            Outcome.ALLOW,
            ""),
        row(
            "same account: a bucket policy naming the user by unique id suffices",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws("AIDAALICE"))),
            Outcome.ALLOW,
            ""),
        row(
            "same account: a bucket policy naming only the account delegates",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws("arn:aws:iam::111111111111:root"))),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "same account: a bucket policy naming the session suffices",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws(SESSION.arn()))),
            Outcome.ALLOW,
            ""),
        row(
            "same account: a bucket policy naming the role covers its sessions",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource(
                    "bp", bucket(aws("arn:aws:iam::111111111111:role/service-role/builder"))),
            Outcome.ALLOW,
            ""),
        row(
            "same account: a grant to the role is capped by the boundary",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource("bp", bucket(aws("arn:aws:iam::111111111111:role/service-role/builder")))
                    .permissionsBoundary(
                        "pb", kind(identity("s3:PutObject", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.IMPLICIT_DENY,
            "because no permissions boundary allows the s3:GetObject action"),
        row(
            "same account: a grant to the role is capped by the session policy",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource("bp", bucket(aws("arn:aws:iam::111111111111:role/service-role/builder")))
                    .session("sp", kind(identity("s3:PutObject", "*"), PolicyKind.SESSION)),
            Outcome.IMPLICIT_DENY,
            "because no session policy allows the s3:GetObject action"),
        row(
            "same account: a grant to the session ignores the session policy",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource("bp", bucket(aws(SESSION.arn())))
                    .session("sp", kind(identity("s3:PutObject", "*"), PolicyKind.SESSION)),
            Outcome.ALLOW,
            ""),
        row(
            "same account: a grant to the user ignores the boundary",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource("bp", bucket(aws(ALICE.arn())))
                    .permissionsBoundary(
                        "pb", kind(identity("s3:PutObject", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.ALLOW,
            ""),
        row(
            "the boundary caps identity grants",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .permissionsBoundary(
                        "pb", kind(identity("s3:PutObject", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.IMPLICIT_DENY,
            "because no permissions boundary allows the s3:GetObject action"),
        row(
            "a Deny in the boundary is explicit",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .permissionsBoundary(
                        "pb", kind(identityDeny("s3:*", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a permissions boundary"),
        row(
            "the session policy caps identity grants",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .session("sp", kind(identity("s3:PutObject", "*"), PolicyKind.SESSION)),
            Outcome.IMPLICIT_DENY,
            "because no session policy allows the s3:GetObject action"),
        row(
            "a Deny in a session policy is explicit",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .session("sp", kind(identityDeny("s3:*", "*"), PolicyKind.SESSION)),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a session policy"),
        row(
            "identity, boundary and session policy all allowing",
            SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .permissionsBoundary(
                        "pb", kind(identity("s3:*", "*"), PolicyKind.PERMISSIONS_BOUNDARY))
                    .session("sp", kind(identity("s3:Get*", "*"), PolicyKind.SESSION)),
            Outcome.ALLOW,
            ""),
        row(
            "cross-account: identity alone is not enough",
            CAROL,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.identity("p", getObject),
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the s3:GetObject action"),
        row(
            "cross-account: the bucket policy alone is not enough",
            CAROL,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws(CAROL.arn()))),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "cross-account: identity and a bucket policy naming the account",
            CAROL,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.identity("p", getObject).resource("bp", bucket(aws(B))),
            Outcome.ALLOW,
            ""),
        row(
            "cross-account: a bucket policy naming the role covers its sessions",
            PROD_SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource("bp", bucket(aws("arn:aws:iam::222222222222:role/deployer"))),
            Outcome.ALLOW,
            ""),
        row(
            "cross-account: a bucket policy naming another role does not",
            PROD_SESSION,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource("bp", bucket(aws("arn:aws:iam::222222222222:role/other"))),
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the s3:GetObject action"),
        row(
            "cross-account: the boundary still caps the caller side",
            CAROL,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource("bp", bucket(aws(CAROL.arn())))
                    .permissionsBoundary(
                        "pb", kind(identity("s3:PutObject", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.IMPLICIT_DENY,
            "because no permissions boundary allows the s3:GetObject action"),
        row(
            "the root user needs no policy in its own account",
            ROOT_A,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b,
            Outcome.ALLOW,
            ""),
        row(
            "a bucket policy Deny still applies to the root user",
            ROOT_A,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", resource(PolicyKind.BUCKET, "Deny", "\"*\"", "s3:GetObject")),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a resource-based policy"),
        row(
            "anonymous: a public bucket policy allows",
            RequestPrincipal.anonymous(),
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket("\"*\"")),
            Outcome.ALLOW,
            ""),
        row(
            "anonymous: {\"AWS\": \"*\"} is everyone too",
            RequestPrincipal.anonymous(),
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws("*"))),
            Outcome.ALLOW,
            ""),
        row(
            "anonymous: no bucket policy, no access",
            RequestPrincipal.anonymous(),
            "s3:GetObject",
            OBJECT,
            A,
            b -> b,
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the s3:GetObject action"),
        row(
            "KMS: an IAM Allow alone never suffices",
            ALICE,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.identity("p", identity("kms:*", "*"))
                    .resource(
                        "kp",
                        resource(
                            PolicyKind.KEY,
                            "Allow",
                            aws("arn:aws:iam::111111111111:user/admin"),
                            "kms:*")),
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the kms:Decrypt action"),
        row(
            "KMS: a key policy naming a same-account role needs no IAM",
            SESSION,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp",
                    resource(
                        PolicyKind.KEY,
                        "Allow",
                        aws("arn:aws:iam::111111111111:role/service-role/builder"),
                        "kms:Decrypt")),
            Outcome.ALLOW,
            ""),
        row(
            "KMS: the root statement delegates to IAM, which allows",
            ALICE,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.identity("p", identity("kms:Decrypt", KEY))
                    .resource(
                        "kp",
                        resource(
                            PolicyKind.KEY,
                            "Allow",
                            aws("arn:aws:iam::111111111111:root"),
                            "kms:*")),
            Outcome.ALLOW,
            ""),
        row(
            "KMS: the root statement delegates to IAM, which does not allow",
            ALICE,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp",
                    resource(
                        PolicyKind.KEY, "Allow", aws("arn:aws:iam::111111111111:root"), "kms:*")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the kms:Decrypt action"),
        row(
            "KMS: the root user needs the key policy too",
            ROOT_A,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp",
                    resource(
                        PolicyKind.KEY,
                        "Allow",
                        aws("arn:aws:iam::111111111111:user/admin"),
                        "kms:*")),
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the kms:Decrypt action"),
        row(
            "KMS: the root user with the root statement",
            ROOT_A,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp",
                    resource(
                        PolicyKind.KEY, "Allow", aws("arn:aws:iam::111111111111:root"), "kms:*")),
            Outcome.ALLOW,
            ""),
        row(
            "KMS cross-account: the key policy names the account and IAM allows",
            PROD_SESSION,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.identity("p", identity("kms:Decrypt", KEY))
                    .resource(
                        "kp",
                        resource(
                            PolicyKind.KEY,
                            "Allow",
                            aws("arn:aws:iam::222222222222:root"),
                            "kms:Decrypt")),
            Outcome.ALLOW,
            ""),
        row(
            "KMS cross-account: naming the role still needs IAM",
            PROD_SESSION,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp",
                    resource(
                        PolicyKind.KEY,
                        "Allow",
                        aws("arn:aws:iam::222222222222:role/deployer"),
                        "kms:Decrypt")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the kms:Decrypt action"),
        row(
            "KMS cross-account: the key policy names only its own account",
            PROD_SESSION,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.identity("p", identity("kms:Decrypt", KEY))
                    .resource(
                        "kp",
                        resource(
                            PolicyKind.KEY,
                            "Allow",
                            aws("arn:aws:iam::111111111111:root"),
                            "kms:*")),
            Outcome.IMPLICIT_DENY,
            "because no resource-based policy allows the kms:Decrypt action"),
        row(
            "trust: naming the user directly needs no IAM",
            ALICE,
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.resource(
                    "tp", resource(PolicyKind.TRUST, "Allow", aws(ALICE.arn()), "sts:AssumeRole")),
            Outcome.ALLOW,
            ""),
        row(
            "trust: naming the account needs IAM",
            ALICE,
            "sts:AssumeRole",
            ROLE,
            A,
            b -> b.resource("tp", resource(PolicyKind.TRUST, "Allow", aws(A), "sts:AssumeRole")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the sts:AssumeRole action"),
        row(
            "trust: an identity Allow without trust is denied",
            ALICE,
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.identity("p", identity("sts:AssumeRole", ROLE))
                    .resource(
                        "tp",
                        resource(
                            PolicyKind.TRUST,
                            "Allow",
                            aws("arn:aws:iam::111111111111:user/bob"),
                            "sts:AssumeRole")),
            Outcome.IMPLICIT_DENY,
            "because no role trust policy allows the sts:AssumeRole action"),
        row(
            "trust: a Deny in the trust policy",
            ALICE,
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.identity("p", identity("sts:AssumeRole", ROLE))
                    .resource("tp", resource(PolicyKind.TRUST, "Deny", "\"*\"", "sts:*")),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in the role trust policy"),
        row(
            "trust cross-account: the role with a path is named, and IAM allows",
            PROD_SESSION,
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.identity("p", identity("sts:AssumeRole", ROLE))
                    .resource(
                        "tp",
                        resource(
                            PolicyKind.TRUST,
                            "Allow",
                            aws("arn:aws:iam::222222222222:role/deployer"),
                            "sts:AssumeRole")),
            Outcome.ALLOW,
            ""),
        row(
            "trust: a service principal assumes its role",
            RequestPrincipal.service("codepipeline.amazonaws.com"),
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.resource(
                    "tp",
                    resource(
                        PolicyKind.TRUST,
                        "Allow",
                        "{\"Service\":\"codepipeline.amazonaws.com\"}",
                        "sts:AssumeRole")),
            Outcome.ALLOW,
            ""),
        row(
            "trust: another service may not",
            RequestPrincipal.service("events.amazonaws.com"),
            "sts:AssumeRole",
            ROLE,
            A,
            b ->
                b.resource(
                    "tp",
                    resource(
                        PolicyKind.TRUST,
                        "Allow",
                        "{\"Service\":[\"codepipeline.amazonaws.com\"]}",
                        "sts:AssumeRole")),
            Outcome.IMPLICIT_DENY,
            "because no role trust policy allows the sts:AssumeRole action"),
        row(
            "NotPrincipal exempts the listed user from a Deny",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource(
                        "bp",
                        PARSER.parse(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\""
                                + ALICE.arn()
                                + "\",\""
                                + A
                                + "\"]},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                            PolicyKind.BUCKET)),
            Outcome.ALLOW,
            ""),
        row(
            "NotPrincipal denies everyone else",
            CAROL,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .resource(
                        "bp",
                        PARSER.parse(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\""
                                + ALICE.arn()
                                + "\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                            PolicyKind.BUCKET)),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a resource-based policy"),
        row(
            "NotPrincipal with Deny always applies to a principal with a boundary",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .permissionsBoundary(
                        "pb", kind(identity("s3:*", "*"), PolicyKind.PERMISSIONS_BOUNDARY))
                    .resource(
                        "bp",
                        PARSER.parse(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":[\""
                                + ALICE.arn()
                                + "\",\""
                                + A
                                + "\"]},\"Action\":\"s3:*\",\"Resource\":\"*\"}]}",
                            PolicyKind.BUCKET)),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in a resource-based policy"),
        row(
            "NotAction allows every other action",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity(
                    "p",
                    PARSER.parse(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}]}",
                        PolicyKind.IDENTITY)),
            Outcome.ALLOW,
            ""),
        row(
            "NotResource denies everything but the listed resources",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.identity("p", getObject)
                    .identity(
                        "d",
                        PARSER.parse(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::other/*\"}]}",
                            PolicyKind.IDENTITY)),
            Outcome.EXPLICIT_DENY,
            "with an explicit deny in an identity-based policy"),
        row(
            "a policy variable in Resource",
            ALICE,
            "s3:GetObject",
            "arn:aws:s3:::bucket-a/alice/x",
            A,
            b ->
                b.identity(
                    "p", identity("s3:GetObject", "arn:aws:s3:::bucket-a/${aws:username}/*")),
            Outcome.ALLOW,
            ""),
        row(
            "a policy variable in Resource for another user",
            ALICE,
            "s3:GetObject",
            "arn:aws:s3:::bucket-a/bob/x",
            A,
            b ->
                b.identity(
                    "p", identity("s3:GetObject", "arn:aws:s3:::bucket-a/${aws:username}/*")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "a variable a session cannot fill matches nothing",
            SESSION,
            "s3:GetObject",
            "arn:aws:s3:::bucket-a/builder/x",
            A,
            b ->
                b.identity(
                    "p", identity("s3:GetObject", "arn:aws:s3:::bucket-a/${aws:username}/*")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "a federated user's session is named by its session ARN",
            RequestPrincipal.federatedUser(A, "fed"),
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.resource("bp", bucket(aws("arn:aws:sts::111111111111:federated-user/fed"))),
            Outcome.ALLOW,
            ""),
        row(
            "a federated user's session is named by its user, capped by the boundary",
            RequestPrincipal.federatedUser(A, "fed"),
            "s3:GetObject",
            OBJECT,
            A,
            b ->
                b.resource("bp", bucket(aws("arn:aws:iam::111111111111:user/fed")))
                    .permissionsBoundary(
                        "pb", kind(identity("s3:PutObject", "*"), PolicyKind.PERMISSIONS_BOUNDARY)),
            Outcome.IMPLICIT_DENY,
            "because no permissions boundary allows the s3:GetObject action"),
        row(
            "a role named by its unique id covers its sessions",
            SESSION,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.resource(
                    "kp", resource(PolicyKind.KEY, "Allow", aws("AROABUILDER"), "kms:Decrypt")),
            Outcome.ALLOW,
            ""),
        row(
            "actions ignore case",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.identity("p", identity("S3:getobject", OBJECT)),
            Outcome.ALLOW,
            ""),
        row(
            "object keys are case-sensitive",
            ALICE,
            "s3:GetObject",
            "arn:aws:s3:::bucket-a/K.txt",
            A,
            b -> b.identity("p", getObject),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "s3:GetObject on a bucket ARN grants nothing on objects",
            ALICE,
            "s3:GetObject",
            OBJECT,
            A,
            b -> b.identity("p", identity("s3:GetObject", "arn:aws:s3:::bucket-a")),
            Outcome.IMPLICIT_DENY,
            "because no identity-based policy allows the s3:GetObject action"),
        row(
            "a short ARN with a wildcard in an identity policy is padded with *",
            ALICE,
            "kms:Decrypt",
            KEY,
            A,
            b ->
                b.identity("p", identity("kms:Decrypt", "arn:aws:kms:*"))
                    .resource("kp", resource(PolicyKind.KEY, "Allow", aws(A), "kms:*")),
            Outcome.ALLOW,
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void decides(Row row) {
    AuthorizationContext context =
        AuthorizationContext.builder(row.principal(), row.action(), row.resource())
            .resourceAccount(row.resourceAccount())
            .build();
    Decision decision =
        EVALUATOR.evaluate(context, row.policies().apply(PolicySet.builder()).build());
    assertThat(decision.outcome()).as(decision.explanation().render()).isEqualTo(row.expected());
    if (row.expected() == Outcome.ALLOW) {
      assertThat(decision.accessDeniedMessage()).isEmpty();
    } else {
      assertThat(decision.accessDeniedMessage())
          .startsWith(
              "User: "
                  + row.principal().arn()
                  + " is not authorized to perform: "
                  + row.action()
                  + " on resource: "
                  + row.resource())
          .endsWith(row.messageEnd());
      assertThat(decision.missingGrant()).isNotEmpty();
    }
  }

  @Test
  void bucketPolicyAllows_canBeSwitchedOff_butItsDeniesStillApply() {
    AuthorizationContext context =
        AuthorizationContext.builder(CAROL, "s3:GetObject", OBJECT).resourceAccount(A).build();
    Policy identity = identity("s3:GetObject", OBJECT);
    PolicySet owned =
        PolicySet.builder().identity("p", identity).resource("bp", bucket(aws(B))).build();
    PolicySet notOwned =
        PolicySet.builder()
            .identity("p", identity)
            .resource("bp", bucket(aws(B)))
            .resourceAllowsApply(false)
            .build();
    assertThat(EVALUATOR.evaluate(context, owned).isAllowed()).isTrue();
    Decision denied = EVALUATOR.evaluate(context, notOwned);
    assertThat(denied.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    assertThat(denied.deniedBy()).isEqualTo(PolicyType.RESOURCE_BASED);
    assertThat(denied.explanation().render()).contains("its Allow statements do not apply");
    PolicySet deny =
        PolicySet.builder()
            .identity("p", identity)
            .resource("bp", resource(PolicyKind.BUCKET, "Deny", aws(B), "s3:*"))
            .resourceAllowsApply(false)
            .build();
    assertThat(EVALUATOR.evaluate(context, deny).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
  }

  @Test
  void aCanonicalUserPrincipal_namesTheAccount() {
    Policy bucket =
        PARSER.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"CanonicalUser\":\"79a5cafe\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-a/*\"}]}",
            PolicyKind.BUCKET);
    PolicySet set =
        PolicySet.builder()
            .identity("p", identity("s3:GetObject", OBJECT))
            .resource("bp", bucket)
            .build();
    AuthorizationContext.Builder context =
        AuthorizationContext.builder(CAROL, "s3:GetObject", OBJECT).resourceAccount(A);
    assertThat(EVALUATOR.evaluate(context.build(), set).isAllowed()).isFalse();
    Decision allowed = EVALUATOR.evaluate(context.canonicalUserId("79a5cafe").build(), set);
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.explanation().deciding()).hasSize(2);
  }

  @Test
  void aBuilderReusedAfterBuild_leavesTheEarlierContextAlone() {
    AuthorizationContext.Builder b =
        AuthorizationContext.builder(ALICE, "s3:GetObject", OBJECT).key("s3:prefix", "a");
    AuthorizationContext first = b.build();
    AuthorizationContext second = b.key("s3:prefix", "b").remove("aws:username").build();
    assertThat(first.values("s3:prefix")).containsExactly("a");
    assertThat(first.values("aws:username")).containsExactly("alice");
    assertThat(second.values("s3:prefix")).containsExactly("b");
    assertThat(second.values("aws:username")).isNull();
  }

  @Test
  void principalKeys_followTheCallersKind() {
    AuthorizationContext session =
        AuthorizationContext.builder(SESSION, "s3:GetObject", OBJECT).build();
    assertThat(session.values("aws:principalarn"))
        .containsExactly("arn:aws:iam::111111111111:role/service-role/builder");
    assertThat(session.values("aws:userid")).containsExactly("AROABUILDER:s1");
    assertThat(session.values("aws:username")).isNull();
    assertThat(session.values("aws:principaltype")).containsExactly("AssumedRole");
    AuthorizationContext user = AuthorizationContext.builder(ALICE, "s3:GetObject", OBJECT).build();
    assertThat(user.values("aws:username")).containsExactly("alice");
    assertThat(user.values("aws:principalaccount")).containsExactly(A);
  }

  @Test
  void forCaller_carriesTheRequestKeys() {
    Principal.AssumedRole role =
        new Principal.AssumedRole(AccountId.of(B), "/", "prods3role", "AROAPROD", "deploy");
    Caller caller =
        new Caller(
            role,
            "ASIAX",
            List.of(),
            Map.of("team", "web"),
            "203.0.113.9",
            true,
            Instant.parse("2026-11-28T12:00:00Z"),
            Region.US_EAST_1,
            null,
            null,
            null);
    AuthorizationContext c =
        AuthorizationContext.forCaller(caller, "s3:GetObject", OBJECT).resourceAccount(A).build();
    assertThat(c.principal().arn())
        .isEqualTo("arn:aws:sts::222222222222:assumed-role/prods3role/deploy");
    assertThat(c.principal().roleArn()).isEqualTo("arn:aws:iam::222222222222:role/prods3role");
    assertThat(c.values("aws:securetransport")).containsExactly("true");
    assertThat(c.values("aws:sourceip")).containsExactly("203.0.113.9");
    assertThat(c.values("aws:currenttime")).containsExactly("2026-11-28T12:00:00Z");
    assertThat(c.values("aws:epochtime")).containsExactly("1795867200");
    assertThat(c.values("aws:principaltag/team")).containsExactly("web");
    assertThat(c.values("aws:resourceaccount")).containsExactly(A);
    assertThat(c.sameAccount()).isFalse();
  }

  @Test
  void explanation_namesWhatFailedInEachStatement() {
    Policy bucket =
        PARSER.parse(
            "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"Other\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::222222222222:root\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-a/*\"},"
                + "{\"Sid\":\"Tls\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::bucket-a/*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}},"
                + "{\"Sid\":\"Put\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::elsewhere/*\"}]}",
            PolicyKind.BUCKET);
    AuthorizationContext context =
        AuthorizationContext.builder(ALICE, "s3:GetObject", OBJECT)
            .resourceAccount(A)
            .key("aws:SecureTransport", "false")
            .build();
    Decision decision =
        EVALUATOR.evaluate(
            context, PolicySet.builder().resource("bucket policy of bucket-a", bucket).build());
    assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
    List<StatementReport> statements = decision.explanation().policies().get(0).statements();
    assertThat(statements.get(0).principal()).isEqualTo(PrincipalMatch.NONE);
    assertThat(statements.get(1).failedCondition().key()).isEqualTo("aws:SecureTransport");
    assertThat(statements.get(1).failedCondition().operator()).isEqualTo("Bool");
    assertThat(statements.get(2).actionMatched()).isFalse();
    assertThat(statements.get(2).resourceMatched()).isFalse();
    String text = decision.explanation().render();
    assertThat(text)
        .contains(
            "statement 1 (Sid \"Other\") Allow: not matched: principal arn:aws:iam::111111111111:user/alice is not in Principal")
        .contains(
            "condition Bool on aws:SecureTransport [true] is false (request has aws:SecureTransport=[false])")
        .contains(
            "action s3:GetObject is not in Action [s3:PutObject]; resource "
                + OBJECT
                + " is not in Resource [arn:aws:s3:::elsewhere/*]");
  }
}
