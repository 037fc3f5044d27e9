package ferry.cloudtrail;

import ferry.authz.AccessRequest;
import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Calls as the recorder sees them, one of each shape a record takes: every kind of principal,
 * sessions, calls made by a service, errors, S3, STS, KMS and IAM accesses, cross-account calls,
 * response elements, and text that must be escaped. Ids are fixed so a record's bytes are too.
 */
final class RecordedCalls {
  static final AccountId DEV = AccountId.of("111111111111");
  static final AccountId PROD = AccountId.of("222222222222");
  static final Instant TIME = Instant.parse("2026-11-28T12:34:56.789Z");

  private RecordedCalls() {}

  /** A named call and what the recorder decided about one of its records. */
  record Case(String name, ApiCall call, EventRecordWriter.Facts facts) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    Caller root = caller(new Principal.AccountRoot(DEV), "AKIAEXAMPLEDEV000001", null, null);
    Caller user =
        caller(new Principal.IamUser(DEV, "/", "alice", "AIDAALICE"), "AKIAALICE", null, null);
    Caller sessionUser =
        caller(
            new Principal.IamUser(DEV, "/team/", "bob", "AIDABOB"),
            "ASIABOB",
            TIME.minusSeconds(600),
            null);
    Caller role =
        caller(
            new Principal.AssumedRole(PROD, "/", "prods3role", "AROAPROD", "deploy-1"),
            "ASIAPROD",
            TIME.minusSeconds(60),
            "alice@example.com");
    Caller roleWithoutDate =
        caller(
            new Principal.AssumedRole(
                DEV,
                "/service-role/",
                "AWSCodePipelineServiceRole-us-east-1-crossaccountdeploy",
                "AROADEV",
                "1700000000000"),
            "ASIADEV",
            null,
            null);
    Caller service =
        caller(new Principal.ServicePrincipal("cloudtrail.amazonaws.com"), "", null, null);
    Caller anonymous = caller(new Principal.Anonymous(), "", null, null);

    Map<String, Object> response = new LinkedHashMap<>();
    response.put("assumedRoleUser", Map.of("arn", "arn:aws:sts::222222222222:assumed-role/r/s"));
    response.put("count", 3);
    response.put("ratio", 0.5);
    response.put("flags", List.of(true, false));
    response.put("nothing", null);
    response.put("text", "quote \" backslash \\ tab \t newline \n unicode é ☃ \u0001");

    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "root GetObject, a data event on an object",
            call(root, null, "s3", "GetObject", s3("s3:GetObject", "bucket/key.txt", DEV), null),
            facts(DEV, null, true, true, "s3:GetObject", "bucket/key.txt", DEV)));
    cases.add(
        new Case(
            "user CreateBucket denied, with its error",
            new ApiCall(
                TIME,
                user,
                null,
                "s3.amazonaws.com",
                "CreateBucket",
                "aws-cli/2.9.19 \"quoted\" agent",
                "REQ2",
                "AccessDenied",
                "User: arn:aws:iam::111111111111:user/alice is not authorized to perform:"
                    + " s3:CreateBucket <\"é\">",
                s3("s3:CreateBucket", "made-bucket", DEV),
                "d-2",
                null),
            facts(DEV, null, false, false, "s3:CreateBucket", "made-bucket", DEV)));
    cases.add(
        new Case(
            "an error without a message",
            new ApiCall(
                TIME,
                user,
                null,
                "iam.amazonaws.com",
                "CreateUser",
                "ua",
                null,
                "EntityAlreadyExists",
                null,
                AccessRequest.of("iam:CreateUser", "arn:aws:iam::111111111111:user/x", DEV),
                null,
                null),
            facts(
                DEV,
                null,
                false,
                false,
                "iam:CreateUser",
                "arn:aws:iam::111111111111:user/x",
                DEV)));
    cases.add(
        new Case(
            "session user, GetSessionToken credentials",
            call(
                sessionUser,
                null,
                "s3",
                "ListBuckets",
                AccessRequest.of("s3:ListAllMyBuckets", "*", DEV),
                null),
            facts(DEV, null, true, false, null, null, DEV)));
    AccessRequest putAcross = s3("s3:PutObject", "codepipeline-output-bucket/index.html", PROD);
    cases.add(
        new Case(
            "assumed role PutObject across accounts, in the caller's account",
            call(role, null, "s3", "PutObject", putAcross, null),
            factsWith(PROD, "5e1f2a3b-0000-4000-8000-00000000aaaa", false, true, putAcross)));
    cases.add(
        new Case(
            "the same call, in the resource owner's account",
            call(role, null, "s3", "PutObject", putAcross, null),
            factsWith(DEV, "5e1f2a3b-0000-4000-8000-00000000aaaa", false, true, putAcross)));
    AccessRequest assume =
        new AccessRequest(
            "sts:AssumeRole",
            "arn:aws:iam::222222222222:role/prods3role",
            PROD,
            null,
            Map.of(
                "sts:RoleSessionName", List.of("deploy-1"), "aws:SourceIp", List.of("10.0.0.1")));
    cases.add(
        new Case(
            "a role without a creation date, invoked by CodePipeline, assuming a role",
            call(
                roleWithoutDate,
                "codepipeline.amazonaws.com",
                "sts",
                "AssumeRole",
                assume,
                response),
            factsWith(DEV, null, true, false, assume)));
    AccessRequest assumeNoSession =
        AccessRequest.of("sts:AssumeRole", "arn:aws:iam::222222222222:role/prods3role", PROD);
    cases.add(
        new Case(
            "AssumeRole without a session name",
            call(root, null, "sts", "AssumeRole", assumeNoSession, null),
            factsWith(DEV, null, true, false, assumeNoSession)));
    AccessRequest decrypt =
        new AccessRequest(
            "kms:Decrypt",
            "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            DEV,
            null,
            Map.of(
                "kms:EncryptionContext:aws:s3:arn",
                List.of("arn:aws:s3:::bucket/key"),
                "kms:CallerAccount",
                List.of("111111111111"),
                "kms:EncryptionContext:empty",
                List.of()));
    cases.add(
        new Case(
            "KMS Decrypt with an encryption context",
            call(role, "s3.amazonaws.com", "kms", "Decrypt", decrypt, null),
            factsWith(PROD, null, true, false, decrypt)));
    AccessRequest describe =
        AccessRequest.of(
            "kms:DescribeKey",
            "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            DEV);
    cases.add(
        new Case(
            "KMS DescribeKey by a service, with no context",
            call(service, null, "kms", "DescribeKey", describe, null),
            factsWith(DEV, null, true, false, describe)));
    AccessRequest rule =
        AccessRequest.of("events:PutRule", "arn:aws:events:us-east-1:111111111111:rule/r", DEV);
    cases.add(
        new Case(
            "EventBridge PutRule, a resource typed by its ARN",
            call(user, null, "events", "PutRule", rule, response),
            factsWith(DEV, null, false, false, rule)));
    AccessRequest pipeline =
        AccessRequest.of(
            "codepipeline:GetPipeline", "arn:aws:codepipeline:us-east-1:111111111111:deploy", DEV);
    cases.add(
        new Case(
            "CodePipeline, an ARN without a resource type",
            call(user, null, "codepipeline", "GetPipeline", pipeline, null),
            factsWith(DEV, null, true, false, pipeline)));
    AccessRequest bucketList = s3("s3:ListBucket", "bucket", DEV);
    cases.add(
        new Case(
            "anonymous ListObjects on a bucket",
            call(anonymous, null, "s3", "ListObjects", bucketList, null),
            factsWith(DEV, null, true, true, bucketList)));
    cases.add(
        new Case(
            "a call that needed no authorization",
            call(root, null, "sts", "GetCallerIdentity", null, Map.of()),
            factsWith(DEV, null, true, false, null)));
    AccessRequest odd = AccessRequest.of("iam:Odd", "not-an-arn", DEV);
    cases.add(
        new Case(
            "a resource that is not an ARN",
            call(root, null, "iam", "Odd", odd, null),
            factsWith(DEV, null, false, false, odd)));
    return cases;
  }

  private static Caller caller(
      Principal principal,
      String accessKeyId,
      @Nullable Instant sessionCreated,
      @Nullable String sourceIdentity) {
    return new Caller(
        principal,
        accessKeyId,
        List.of(),
        Map.of(),
        "192.0.2.7",
        true,
        TIME,
        Region.US_EAST_1,
        null,
        sourceIdentity,
        sessionCreated);
  }

  private static AccessRequest s3(String action, String path, AccountId owner) {
    return AccessRequest.of(action, "arn:aws:s3:::" + path, owner);
  }

  private static ApiCall call(
      Caller caller,
      @Nullable String invokedBy,
      String service,
      String operation,
      @Nullable AccessRequest access,
      @Nullable Map<String, Object> response) {
    return new ApiCall(
        TIME,
        caller,
        invokedBy,
        service + ".amazonaws.com",
        operation,
        "aws-sdk-java/2.30 ua/2.1 os/Linux lang/java#21",
        "REQ-" + operation,
        null,
        null,
        access,
        "d-" + operation,
        response);
  }

  private static EventRecordWriter.Facts facts(
      AccountId recipient,
      @Nullable String shared,
      boolean readOnly,
      boolean data,
      @Nullable String action,
      @Nullable String resource,
      AccountId owner) {
    AccessRequest access =
        action == null
            ? null
            : AccessRequest.of(
                action, resource.startsWith("arn:") ? resource : "arn:aws:s3:::" + resource, owner);
    return factsWith(recipient, shared, readOnly, data, access);
  }

  private static EventRecordWriter.Facts factsWith(
      AccountId recipient,
      @Nullable String shared,
      boolean readOnly,
      boolean data,
      @Nullable AccessRequest access) {
    return new EventRecordWriter.Facts(
        recipient.value(),
        shared,
        "0190f5a2-7c00-7000-8000-000000000001",
        "REQ-fixed",
        readOnly,
        data,
        EventRecords.resources(access));
  }
}
