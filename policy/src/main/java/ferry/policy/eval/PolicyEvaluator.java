package ferry.policy.eval;

import ferry.policy.Effect;
import ferry.policy.PrincipalElement;
import ferry.policy.Statement;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides a request against its policies as AWS does: an explicit Deny anywhere wins; within one
 * account an Allow in either the identity-based or the resource-based policy suffices; across
 * accounts both must allow; key policies and trust policies must always allow, and a statement
 * naming an account delegates to that account's IAM policies; permissions boundaries and session
 * policies cap identity-based grants. Never throws for a denial; stateless and thread-safe.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html">Policy
 *     evaluation logic</a>
 */
public final class PolicyEvaluator {

  /** Decides one request. */
  public Decision evaluate(AuthorizationContext context, PolicySet policies) {
    Scan scan = new Scan();
    List<NamedPolicy> identity = policies.identityPolicies();
    for (int i = 0; i < identity.size(); i++) {
      NamedPolicy p = identity.get(i);
      scan.identityDeny = firstDeny(scan.identityDeny, p, context);
      if (scan.identityDeny == null && scan.identityAllow == null) {
        scan.identityAllow = firstAllow(p, context);
      }
    }
    NamedPolicy boundary = policies.permissionsBoundary();
    if (boundary != null) {
      scan.boundaryDeny = firstDeny(null, boundary, context);
      scan.boundaryAllow = firstAllow(boundary, context);
    }
    List<NamedPolicy> sessions = policies.sessionPolicies();
    for (int i = 0; i < sessions.size(); i++) {
      NamedPolicy p = sessions.get(i);
      scan.sessionDeny = firstDeny(scan.sessionDeny, p, context);
      if (scan.sessionAllow == null) {
        scan.sessionAllow = firstAllow(p, context);
      }
    }
    NamedPolicy resource = policies.resourcePolicy();
    if (resource != null) {
      scanResource(
          scan,
          resource,
          context,
          policies.mode(),
          boundary != null,
          policies.resourceAllowsApply());
    }
    return decide(scan, context, policies);
  }

  private static Decision decide(Scan scan, AuthorizationContext context, PolicySet policies) {
    ResourcePolicyMode mode = policies.mode();
    PolicyType resourceType =
        mode == ResourcePolicyMode.TRUST_POLICY ? PolicyType.ROLE_TRUST : PolicyType.RESOURCE_BASED;
    // 1. An explicit Deny in any policy wins; the message names one type, resource-based first.
    if (scan.resourceDeny != null) {
      return Decision.denied(context, policies, scan, resourceType, scan.resourceDeny);
    }
    if (scan.identityDeny != null) {
      return Decision.denied(context, policies, scan, PolicyType.IDENTITY_BASED, scan.identityDeny);
    }
    if (scan.boundaryDeny != null) {
      return Decision.denied(
          context, policies, scan, PolicyType.PERMISSIONS_BOUNDARY, scan.boundaryDeny);
    }
    if (scan.sessionDeny != null) {
      return Decision.denied(context, policies, scan, PolicyType.SESSION, scan.sessionDeny);
    }
    RequestPrincipal principal = context.principal();
    boolean boundaryAllows = policies.permissionsBoundary() == null || scan.boundaryAllow != null;
    boolean sessionAllows = policies.sessionPolicies().isEmpty() || scan.sessionAllow != null;
    boolean root = principal.type() == RequestPrincipal.Type.ACCOUNT_ROOT;
    // The root user has every permission its account can give; it has no IAM policies.
    boolean identityAllows = root || scan.identityAllow != null;
    boolean callerSide = identityAllows && boundaryAllows && sessionAllows;
    PolicyType callerGap =
        !identityAllows
            ? PolicyType.IDENTITY_BASED
            : !boundaryAllows ? PolicyType.PERMISSIONS_BOUNDARY : PolicyType.SESSION;
    PrincipalMatch match = scan.resourceMatch;
    boolean noAccount =
        principal.type() == RequestPrincipal.Type.SERVICE
            || principal.type() == RequestPrincipal.Type.ANONYMOUS;
    if (noAccount) {
      // A service or an anonymous caller has no identity-based policies: the resource decides.
      return match != PrincipalMatch.NONE
          ? Decision.allowed(context, policies, scan)
          : Decision.implicit(context, policies, scan, resourceType, Decision.Gap.RESOURCE);
    }
    boolean same = context.sameAccount();
    if (mode == ResourcePolicyMode.STANDARD) {
      if (same) {
        if (root || match == PrincipalMatch.DIRECT) {
          return Decision.allowed(context, policies, scan);
        }
        if (match == PrincipalMatch.ROLE) {
          if (boundaryAllows && sessionAllows) {
            return Decision.allowed(context, policies, scan);
          }
          return Decision.implicit(
              context,
              policies,
              scan,
              boundaryAllows ? PolicyType.SESSION : PolicyType.PERMISSIONS_BOUNDARY,
              Decision.Gap.CALLER);
        }
        return callerSide
            ? Decision.allowed(context, policies, scan)
            : Decision.implicit(context, policies, scan, callerGap, Decision.Gap.CALLER);
      }
      if (!callerSide) {
        return Decision.implicit(context, policies, scan, callerGap, Decision.Gap.CALLER);
      }
      return match != PrincipalMatch.NONE
          ? Decision.allowed(context, policies, scan)
          : Decision.implicit(context, policies, scan, resourceType, Decision.Gap.RESOURCE);
    }
    // Key policies and trust policies must allow; naming an account delegates to its IAM.
    if (match == PrincipalMatch.NONE) {
      return Decision.implicit(context, policies, scan, resourceType, Decision.Gap.RESOURCE);
    }
    if (same && match == PrincipalMatch.DIRECT) {
      return Decision.allowed(context, policies, scan);
    }
    if (same && match == PrincipalMatch.ROLE) {
      if (boundaryAllows && sessionAllows) {
        return Decision.allowed(context, policies, scan);
      }
      return Decision.implicit(
          context,
          policies,
          scan,
          boundaryAllows ? PolicyType.SESSION : PolicyType.PERMISSIONS_BOUNDARY,
          Decision.Gap.CALLER);
    }
    return callerSide
        ? Decision.allowed(context, policies, scan)
        : Decision.implicit(
            context,
            policies,
            scan,
            callerGap,
            match == PrincipalMatch.ACCOUNT ? Decision.Gap.DELEGATED : Decision.Gap.CALLER);
  }

  /** What one pass over the policies found. */
  static final class Scan {
    @Nullable StatementRef identityDeny;
    @Nullable StatementRef identityAllow;
    @Nullable StatementRef boundaryDeny;
    @Nullable StatementRef boundaryAllow;
    @Nullable StatementRef sessionDeny;
    @Nullable StatementRef sessionAllow;
    @Nullable StatementRef resourceDeny;
    @Nullable StatementRef resourceAllow;
    PrincipalMatch resourceMatch = PrincipalMatch.NONE;
  }

  private static @Nullable StatementRef firstDeny(
      @Nullable StatementRef found, NamedPolicy policy, AuthorizationContext context) {
    if (found != null) {
      return found;
    }
    List<Statement> statements = policy.policy().statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      if (s.effect() == Effect.DENY && appliesIdentitySide(s, context)) {
        return new StatementRef(policy, s);
      }
    }
    return null;
  }

  private static @Nullable StatementRef firstAllow(
      NamedPolicy policy, AuthorizationContext context) {
    List<Statement> statements = policy.policy().statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      if (s.effect() == Effect.ALLOW && appliesIdentitySide(s, context)) {
        return new StatementRef(policy, s);
      }
    }
    return null;
  }

  private static boolean appliesIdentitySide(Statement s, AuthorizationContext context) {
    return s.appliesToAction(context.lowerAction())
        && s.appliesToResource(context.resource(), context, false)
        && s.failedCondition(context) == null;
  }

  private static void scanResource(
      Scan scan,
      NamedPolicy policy,
      AuthorizationContext context,
      ResourcePolicyMode mode,
      boolean hasBoundary,
      boolean allowsApply) {
    boolean missingMeansAny = mode == ResourcePolicyMode.TRUST_POLICY;
    List<Statement> statements = policy.policy().statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      if (!s.appliesToAction(context.lowerAction())) {
        continue;
      }
      PrincipalMatch match = principalMatch(s, context, hasBoundary);
      if (match == PrincipalMatch.NONE) {
        continue;
      }
      if (s.effect() == Effect.ALLOW
          && (!allowsApply || match.compareTo(scan.resourceMatch) <= 0)) {
        continue;
      }
      if (!s.appliesToResource(context.resource(), context, missingMeansAny)
          || s.failedCondition(context) != null) {
        continue;
      }
      if (s.effect() == Effect.DENY) {
        scan.resourceDeny = new StatementRef(policy, s);
        return;
      }
      scan.resourceMatch = match;
      scan.resourceAllow = new StatementRef(policy, s);
    }
  }

  /**
   * How a resource-based statement's Principal (or NotPrincipal) names the principal. A Deny with
   * NotPrincipal always applies to a principal that has a permissions boundary, whatever it lists
   * (<a
   * href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html">NotPrincipal</a>).
   */
  static PrincipalMatch principalMatch(
      Statement s, AuthorizationContext context, boolean hasBoundary) {
    PrincipalElement element = s.principal();
    if (element == null) {
      return PrincipalMatch.NONE;
    }
    if (s.notPrincipal() && hasBoundary && s.effect() == Effect.DENY) {
      return PrincipalMatch.DIRECT;
    }
    PrincipalMatch match = namedBy(element, context.principal());
    String canonical = context.canonicalUserId();
    if (match == PrincipalMatch.NONE
        && canonical != null
        && element.namesCanonicalUser(canonical)) {
      // A canonical user id stands for an account, as an account id does.
      match = PrincipalMatch.ACCOUNT;
    }
    if (s.notPrincipal()) {
      return match == PrincipalMatch.NONE ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
    }
    return match;
  }

  static PrincipalMatch namedBy(PrincipalElement element, RequestPrincipal principal) {
    if (element.any()) {
      return PrincipalMatch.DIRECT;
    }
    String account = principal.account();
    switch (principal.type()) {
      case ANONYMOUS -> {
        return PrincipalMatch.NONE;
      }
      case SERVICE -> {
        return element.namesService(principal.arn()) ? PrincipalMatch.DIRECT : PrincipalMatch.NONE;
      }
      case IAM_USER -> {
        if (element.namesUser(principal.arn())
            || (principal.uniqueId() != null && element.namesUniqueId(principal.uniqueId()))) {
          return PrincipalMatch.DIRECT;
        }
      }
      case ASSUMED_ROLE -> {
        if (element.namesSession(principal.arn())) {
          return PrincipalMatch.DIRECT;
        }
        if ((account != null
                && principal.name() != null
                && element.namesRole(account, principal.name()))
            || (principal.uniqueId() != null && element.namesUniqueId(principal.uniqueId()))) {
          return PrincipalMatch.ROLE;
        }
      }
      case FEDERATED_USER -> {
        if (element.namesSession(principal.arn())) {
          return PrincipalMatch.DIRECT;
        }
        if (account != null
            && element.namesUser("arn:aws:iam::" + account + ":user/" + principal.name())) {
          return PrincipalMatch.ROLE;
        }
      }
      case ACCOUNT_ROOT -> {
        // The root user is named by its account.
      }
    }
    return account != null && element.namesAccount(account)
        ? PrincipalMatch.ACCOUNT
        : PrincipalMatch.NONE;
  }
}
