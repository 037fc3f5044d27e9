package ferry.s3;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.ResourcePolicy;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.policy.eval.Decision;
import ferry.policy.eval.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How S3 decides a request: the caller's identity policies and the bucket policy through the policy
 * engine, then ACL grants where ACLs are on, with the object owner deciding who may grant.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-s3-evaluates-access-control.html">How
 *     S3 authorizes a request</a>
 */
final class S3Access {
  private final Authorizer authorizer;

  S3Access(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** An account-level action, such as s3:ListAllMyBuckets or s3:CreateBucket. */
  void requireAccount(Caller caller, String action, String resource, Map<String, String> context) {
    AccountId account = accountOf(caller);
    if (account == null) {
      throw S3Errors.accessDenied("Access Denied");
    }
    AccessRequest request = request(action, resource, account, null, multivalued(context));
    Verdict verdict = authorizer.authorize(caller, request);
    if (!verdict.allowed()) {
      throw denied(caller, request, verdict, account);
    }
  }

  /** A bucket-level action, decided by the bucket owner's policies and the bucket ACL. */
  void requireBucket(Caller caller, String action, Bucket bucket, Map<String, String> context) {
    require(
        caller,
        action,
        bucket.arn(),
        bucket,
        bucket.owner(),
        bucket.effectiveAcl(),
        multivalued(context));
  }

  /**
   * An action on an object owned by {@code objectOwner}. A new object counts as the bucket owner's,
   * and its ACL is the bucket's (WRITE on the bucket lets one write objects).
   */
  void requireObject(
      Caller caller,
      String action,
      Bucket bucket,
      String key,
      AccountId objectOwner,
      List<Grant> acl,
      Map<String, String> context) {
    requireObjectKeys(caller, action, bucket, key, objectOwner, acl, multivalued(context));
  }

  /** {@link #requireObject}, with condition keys that may have several values (tag keys). */
  void requireObjectKeys(
      Caller caller,
      String action,
      Bucket bucket,
      String key,
      AccountId objectOwner,
      List<Grant> acl,
      Map<String, List<String>> context) {
    require(caller, action, bucket.objectArn(key), bucket, objectOwner, acl, context);
  }

  static Map<String, List<String>> multivalued(Map<String, String> context) {
    Map<String, List<String>> keys = new HashMap<>();
    context.forEach((key, value) -> keys.put(key, List.of(value)));
    return keys;
  }

  /** Whether an action is allowed, without failing: for ListBucket's NoSuchKey-or-AccessDenied. */
  boolean allowsBucket(Caller caller, String action, Bucket bucket) {
    try {
      requireBucket(caller, action, bucket, Map.of());
      return true;
    } catch (AwsException e) {
      return false;
    }
  }

  private void require(
      Caller caller,
      String action,
      String resource,
      Bucket bucket,
      AccountId resourceOwner,
      List<Grant> acl,
      Map<String, List<String>> context) {
    ResourcePolicy policy = policyFor(caller, bucket);
    AccessRequest withPolicy = request(action, resource, bucket.owner(), policy, context);
    if (resourceOwner.equals(bucket.owner())) {
      Verdict verdict = authorizer.authorize(caller, withPolicy);
      if (verdict.allowed()) {
        return;
      }
      if (aclGrants(caller, action, bucket, acl) && !explicitlyDenied(caller, withPolicy)) {
        if (callerSideAllows(caller, action, resource, context)) {
          return;
        }
      }
      throw denied(caller, withPolicy, verdict, bucket.owner());
    }
    // The object belongs to another account: the bucket owner can only deny; the object owner's
    // IAM (for its own principals) or its ACL grants.
    if (policy != null && explicitlyDenied(caller, withPolicy)) {
      Verdict verdict = authorizer.authorize(caller, withPolicy);
      throw denied(caller, withPolicy, verdict, bucket.owner());
    }
    AccessRequest ownerSide = request(action, resource, resourceOwner, null, context);
    Verdict verdict = authorizer.authorize(caller, ownerSide);
    if (verdict.allowed()) {
      return;
    }
    if (aclGrants(caller, action, bucket, acl)
        && callerSideAllows(caller, action, resource, context)) {
      return;
    }
    throw denied(caller, ownerSide, verdict, resourceOwner);
  }

  private static @Nullable ResourcePolicy policyFor(Caller caller, Bucket bucket) {
    // RestrictPublicBuckets: a public policy serves only the bucket owner's own principals.
    return BucketPolicies.resourcePolicy(bucket, accountOf(caller));
  }

  private boolean explicitlyDenied(Caller caller, AccessRequest request) {
    return request.resourcePolicy() != null
        && authorizer.decide(caller, request).outcome() == Outcome.EXPLICIT_DENY;
  }

  private boolean callerSideAllows(
      Caller caller, String action, String resource, Map<String, List<String>> context) {
    AccountId account = accountOf(caller);
    if (account == null) {
      return true;
    }
    return authorizer
        .authorize(caller, request(action, resource, account, null, context))
        .allowed();
  }

  /** Whether the ACL gives the caller the permission the action needs. */
  private static boolean aclGrants(Caller caller, String action, Bucket bucket, List<Grant> acl) {
    if (!bucket.aclsEnabled()) {
      return false;
    }
    String permission = aclPermission(action);
    if (permission == null) {
      return false;
    }
    boolean ignorePublic = bucket.effectivePublicAccessBlock().ignorePublicAcls();
    AccountId account = accountOf(caller);
    String canonicalId = account == null ? null : CanonicalUser.idOf(account);
    for (Grant grant : acl) {
      if (!grant.gives(permission) || (ignorePublic && grant.isPublic())) {
        continue;
      }
      boolean matches =
          switch (grant.type()) {
            case CANONICAL_USER -> grant.id().equals(canonicalId);
            case GROUP ->
                grant.id().equals(Grant.ALL_USERS)
                    || (grant.id().equals(Grant.AUTHENTICATED_USERS) && account != null);
          };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** The ACL permission that grants an action, or null when ACLs cannot grant it. */
  static @Nullable String aclPermission(String action) {
    return switch (action) {
      case "s3:ListBucket",
          "s3:ListBucketVersions",
          "s3:ListBucketMultipartUploads",
          "s3:GetObject",
          "s3:GetObjectVersion" ->
          "READ";
      case "s3:PutObject",
          "s3:DeleteObject",
          "s3:DeleteObjectVersion",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts" ->
          "WRITE";
      case "s3:GetBucketAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl" -> "READ_ACP";
      case "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl" -> "WRITE_ACP";
      default -> null;
    };
  }

  /**
   * The AccessDenied error: within one account S3 names the action and the quoted resource; across
   * accounts it says only "Access Denied". Ferry adds the missing grant and the decision id, which
   * {@code ferry explain} and {@code x-ferry-decision-id} also carry.
   */
  private AwsException denied(
      Caller caller, AccessRequest request, Verdict verdict, AccountId resourceAccount) {
    Decision decision = authorizer.decide(caller, request);
    String aws =
        resourceAccount.equals(accountOf(caller))
            ? decision.accessDeniedMessage(true)
            : "Access Denied";
    if (aws.isEmpty()) {
      aws = "Access Denied";
    }
    String missing = decision.missingGrant();
    String message =
        (missing.isEmpty() ? aws : aws + ". Missing grant: " + missing)
            + " (ferry explain "
            + verdict.id()
            + ")";
    return S3Errors.accessDenied(message).withHeader("x-ferry-decision-id", verdict.id());
  }

  private static AccessRequest request(
      String action,
      String resource,
      AccountId account,
      @Nullable ResourcePolicy policy,
      Map<String, List<String>> context) {
    return new AccessRequest(action, resource, account, policy, context);
  }

  static @Nullable AccountId accountOf(Caller caller) {
    return caller.isAnonymous()
            || caller.principal() instanceof ferry.aws.Principal.ServicePrincipal
        ? null
        : caller.account();
  }
}
