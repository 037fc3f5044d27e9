package ferry.policy.eval;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of one authorization: the outcome, the statements that decided it, the AWS
 * access-denied message, and, on demand, the full {@link Explanation}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html">
 *     Access denied error messages</a>
 */
public final class Decision {
  /** Which grant is missing when a request is implicitly denied. */
  enum Gap {
    NONE,
    /** The resource-based policy does not allow the principal. */
    RESOURCE,
    /** The caller's identity side (identity policy, boundary or session policy) does not allow. */
    CALLER,
    /** A key or trust policy delegates to the caller's account, whose IAM does not allow. */
    DELEGATED
  }

  private final Outcome outcome;
  private final AuthorizationContext context;
  private final PolicySet policies;
  private final PolicyEvaluator.Scan scan;
  private final @Nullable PolicyType deniedBy;
  private final @Nullable StatementRef denyingStatement;
  private final Gap gap;
  private @Nullable Explanation explanation;

  private Decision(
      Outcome outcome,
      AuthorizationContext context,
      PolicySet policies,
      PolicyEvaluator.Scan scan,
      @Nullable PolicyType deniedBy,
      @Nullable StatementRef denyingStatement,
      Gap gap) {
    this.outcome = outcome;
    this.context = context;
    this.policies = policies;
    this.scan = scan;
    this.deniedBy = deniedBy;
    this.denyingStatement = denyingStatement;
    this.gap = gap;
  }

  static Decision allowed(
      AuthorizationContext context, PolicySet policies, PolicyEvaluator.Scan scan) {
    return new Decision(Outcome.ALLOW, context, policies, scan, null, null, Gap.NONE);
  }

  static Decision denied(
      AuthorizationContext context,
      PolicySet policies,
      PolicyEvaluator.Scan scan,
      PolicyType type,
      StatementRef statement) {
    return new Decision(Outcome.EXPLICIT_DENY, context, policies, scan, type, statement, Gap.NONE);
  }

  static Decision implicit(
      AuthorizationContext context,
      PolicySet policies,
      PolicyEvaluator.Scan scan,
      PolicyType type,
      Gap gap) {
    return new Decision(Outcome.IMPLICIT_DENY, context, policies, scan, type, null, gap);
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean isAllowed() {
    return outcome == Outcome.ALLOW;
  }

  public AuthorizationContext context() {
    return context;
  }

  public PolicySet policies() {
    return policies;
  }

  /** The policy type a denial's message names; null when allowed. */
  public @Nullable PolicyType deniedBy() {
    return deniedBy;
  }

  /** The Deny statement of an explicit denial; null otherwise. */
  public @Nullable StatementRef denyingStatement() {
    return denyingStatement;
  }

  /**
   * The statements that allowed the request: an identity-based one, a resource-based one, or both
   * (across accounts); empty for a denial, and for the root user of the resource's account.
   */
  public List<StatementRef> allowingStatements() {
    if (outcome != Outcome.ALLOW) {
      return List.of();
    }
    List<StatementRef> out = new ArrayList<>(2);
    if (scan.identityAllow != null) {
      out.add(scan.identityAllow);
    }
    if (scan.resourceAllow != null) {
      out.add(scan.resourceAllow);
    }
    return out;
  }

  /** The resource-based statement that allowed or delegated, if any. */
  @Nullable StatementRef resourceAllow() {
    return scan.resourceAllow;
  }

  PrincipalMatch resourceMatch() {
    return scan.resourceMatch;
  }

  /**
   * AWS's access-denied message, e.g. {@code User: arn:aws:sts::…:assumed-role/r/s is not
   * authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no resource-based
   * policy allows the s3:GetObject action}; empty when allowed.
   */
  public String accessDeniedMessage() {
    return accessDeniedMessage(false);
  }

  /**
   * AWS's access-denied message; S3 puts the resource ARN in double quotes.
   *
   * @param quoteResource whether to quote the resource ARN, as S3 does
   */
  public String accessDeniedMessage(boolean quoteResource) {
    if (outcome == Outcome.ALLOW || deniedBy == null) {
      return "";
    }
    String resource = quoteResource ? "\"" + context.resource() + "\"" : context.resource();
    String head =
        "User: "
            + context.principal().arn()
            + " is not authorized to perform: "
            + context.action()
            + " on resource: "
            + resource;
    return head + " " + reason();
  }

  /**
   * The closing clause of the access-denied message, e.g. {@code because no identity-based policy
   * allows the kms:Decrypt action} or {@code with an explicit deny in a resource-based policy}, for
   * services that word the rest themselves (KMS's {@code on the resource associated with this
   * ciphertext}); empty when allowed.
   */
  public String reason() {
    if (outcome == Outcome.ALLOW || deniedBy == null) {
      return "";
    }
    if (outcome == Outcome.EXPLICIT_DENY) {
      return "with an explicit deny in " + deniedBy.withArticle();
    }
    return "because no " + deniedBy.words() + " allows the " + context.action() + " action";
  }

  /**
   * The missing grant in plain words, e.g. {@code the bucket policy of b has no statement allowing
   * arn:aws:iam::222222222222:root s3:GetObject on arn:aws:s3:::b/k}; empty when allowed.
   */
  public String missingGrant() {
    if (outcome == Outcome.ALLOW) {
      return "";
    }
    RequestPrincipal p = context.principal();
    String what = context.action() + " on " + context.resource();
    if (outcome == Outcome.EXPLICIT_DENY && denyingStatement != null) {
      return denyingStatement.label()
          + " denies "
          + p.arn()
          + " "
          + what
          + Explanation.conditionWords(denyingStatement.statement());
    }
    return switch (gap) {
      case RESOURCE -> {
        NamedPolicy rp = policies.resourcePolicy();
        String who = principalWords(p);
        yield rp == null
            ? "the resource "
                + context.resource()
                + (context.resourceAccount() == null
                    ? ""
                    : " of account " + context.resourceAccount())
                + " has no resource-based policy, so nothing allows "
                + who
                + " "
                + context.action()
                + " on it from another account"
            : "the " + rp.name() + " has no statement allowing " + who + " " + what;
      }
      case DELEGATED -> {
        NamedPolicy rp = policies.resourcePolicy();
        String delegation =
            rp == null
                ? ""
                : "the "
                    + rp.name()
                    + " allows the account "
                    + p.accountArn()
                    + ", which delegates to its IAM policies, but ";
        yield delegation + callerGapWords(p, what);
      }
      case CALLER -> callerGapWords(p, what);
      case NONE -> "";
    };
  }

  private String callerGapWords(RequestPrincipal p, String what) {
    if (deniedBy == PolicyType.PERMISSIONS_BOUNDARY) {
      NamedPolicy b = policies.permissionsBoundary();
      return "the permissions boundary "
          + (b == null ? "" : b.name() + " ")
          + "of "
          + p.arn()
          + " does not allow "
          + what;
    }
    if (deniedBy == PolicyType.SESSION) {
      return "no session policy of " + p.arn() + " allows " + what;
    }
    List<NamedPolicy> identity = policies.identityPolicies();
    if (identity.isEmpty()) {
      return (p.roleArn() != null ? "the role " + p.roleArn() : p.arn())
          + " has no identity-based policy, so nothing allows it "
          + what;
    }
    List<String> names = new ArrayList<>();
    for (NamedPolicy n : identity) {
      names.add(n.name());
    }
    return "no identity-based policy of "
        + (p.roleArn() != null ? "the role " + p.roleArn() : p.arn())
        + " ("
        + String.join(", ", names)
        + ") allows "
        + what;
  }

  private static String principalWords(RequestPrincipal p) {
    if (p.type() == RequestPrincipal.Type.ASSUMED_ROLE) {
      return p.arn() + " (or its role " + p.roleArn() + ", or its account " + p.accountArn() + ")";
    }
    if (p.type() == RequestPrincipal.Type.IAM_USER) {
      return p.arn() + " (or its account " + p.accountArn() + ")";
    }
    return p.arn();
  }

  /** Every policy considered, statement by statement; computed on first use. */
  public Explanation explanation() {
    Explanation e = explanation;
    if (e == null) {
      e = Explanation.of(this);
      explanation = e;
    }
    return e;
  }

  @Override
  public String toString() {
    return outcome + (outcome == Outcome.ALLOW ? "" : ": " + accessDeniedMessage());
  }
}
