package ferry.iam;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.PrincipalPolicies;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.eval.AuthorizationContext;
import ferry.policy.eval.Decision;
import ferry.policy.eval.PolicyEvaluator;
import ferry.policy.eval.PolicySet;
import ferry.policy.eval.StatementRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM's policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy, answered by the same
 * policy engine that decides real requests, with the statements that decided.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html">SimulatePrincipalPolicy</a>
 */
public final class PolicySimulator {
  private final UserRepository users;
  private final RoleRepository roles;
  private final IamPolicies identities;
  private final Authorizer authorizer;
  private final PolicyParser parser;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();

  public PolicySimulator(
      UserRepository users,
      RoleRepository roles,
      IamPolicies identities,
      Authorizer authorizer,
      PolicyParser parser) {
    this.users = users;
    this.roles = roles;
    this.identities = identities;
    this.authorizer = authorizer;
    this.parser = parser;
  }

  /** What to simulate: actions on resources ("*" when none), with extra condition keys. */
  public record SimulationRequest(
      List<String> actionNames,
      List<String> resourceArns,
      List<String> policyInputList,
      Map<String, List<String>> contextEntries) {
    public SimulationRequest {
      actionNames = List.copyOf(actionNames);
      resourceArns = List.copyOf(resourceArns);
      policyInputList = List.copyOf(policyInputList);
      contextEntries = Map.copyOf(contextEntries);
    }
  }

  /** A statement that decided a simulated request, as IAM reports it. */
  public record MatchedStatement(String sourcePolicyId, String sourcePolicyType) {}

  /**
   * One simulated request: {@code decision} is allowed, explicitDeny or implicitDeny; {@code
   * message} the access-denied message the real call would give (empty when allowed).
   */
  public record SimulationResult(
      String actionName,
      String resourceName,
      String decision,
      List<MatchedStatement> matchedStatements,
      String message) {}

  /** Simulates the user's or role's own policies, plus {@code policyInputList}. */
  public List<SimulationResult> simulatePrincipalPolicy(
      Caller caller, String policySourceArn, SimulationRequest request) {
    AccountId account = IamEntities.accountOf(caller);
    requireInput(request);
    Principal principal;
    PrincipalPolicies own;
    String entityType;
    String resource = Arn.isArn(policySourceArn) ? Arn.parse(policySourceArn).resource() : "";
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    if (resource.startsWith("user/")) {
      User user =
          users
              .find(account, name)
              .filter(u -> u.arn().equals(policySourceArn))
              .orElseThrow(
                  () -> IamErrors.noSuchEntity("The user with name " + name + " cannot be found."));
      require(caller, policySourceArn, account);
      principal = new Principal.IamUser(account, user.path(), user.name(), user.userId());
      own = identities.of(account, EntityKind.USER, user.name(), user.permissionsBoundary());
      entityType = "user";
    } else if (resource.startsWith("role/")) {
      Role role =
          roles
              .find(account, name)
              .filter(r -> r.arn().equals(policySourceArn))
              .orElseThrow(() -> IamErrors.noSuchRole(name));
      require(caller, policySourceArn, account);
      principal =
          new Principal.AssumedRole(
              account, role.path(), role.name(), role.roleId(), "iam-policy-simulator");
      own = identities.of(account, EntityKind.ROLE, role.name(), role.permissionsBoundary());
      entityType = "role";
    } else {
      throw IamErrors.invalidInput("Invalid ARN: " + policySourceArn);
    }
    PolicySet.Builder set = PolicySet.builder();
    Map<String, MatchedStatement> sources = new HashMap<>();
    for (PrincipalPolicies.NamedPolicy policy : own.identityPolicies()) {
      set.identity(policy.name(), parse(policy.document(), PolicyKind.IDENTITY));
      sources.put(policy.name(), sourceOf(policy.name(), entityType));
    }
    PrincipalPolicies.NamedPolicy boundary = own.permissionsBoundary();
    if (boundary != null) {
      set.permissionsBoundary(
          boundary.name(), parse(boundary.document(), PolicyKind.PERMISSIONS_BOUNDARY));
      sources.put(
          boundary.name(), new MatchedStatement(policyName(boundary.name()), "user-managed"));
    }
    addInputs(set, sources, request.policyInputList());
    return simulate(principal, caller, set.build(), sources, request);
  }

  /** Simulates only the given policies, for the calling user (or {@code callerArn}). */
  public List<SimulationResult> simulateCustomPolicy(
      Caller caller, @Nullable String callerArn, SimulationRequest request) {
    AccountId account = IamEntities.accountOf(caller);
    requireInput(request);
    if (request.policyInputList().isEmpty()) {
      throw IamErrors.constraint(
          "policyInputList", "[]", "Member must have length greater than or equal to 1");
    }
    Verdict verdict =
        authorizer.authorize(caller, AccessRequest.of("iam:SimulateCustomPolicy", "*", account));
    if (!verdict.allowed()) {
      throw IamErrors.accessDenied(verdict);
    }
    Principal principal = simulatedCaller(caller, callerArn, account);
    PolicySet.Builder set = PolicySet.builder();
    Map<String, MatchedStatement> sources = new HashMap<>();
    addInputs(set, sources, request.policyInputList());
    return simulate(principal, caller, set.build(), sources, request);
  }

  private Principal simulatedCaller(Caller caller, @Nullable String callerArn, AccountId account) {
    if (callerArn != null) {
      String resource = Arn.isArn(callerArn) ? Arn.parse(callerArn).resource() : "";
      if (!resource.startsWith("user/")) {
        throw IamErrors.invalidInput(
            "Invalid ARN: " + callerArn + ". CallerArn must be an IAM user.");
      }
      String name = resource.substring(resource.lastIndexOf('/') + 1);
      User user =
          users
              .find(account, name)
              .filter(u -> u.arn().equals(callerArn))
              .orElseThrow(() -> IamErrors.noSuchUser(name));
      return new Principal.IamUser(account, user.path(), user.name(), user.userId());
    }
    return switch (caller.principal()) {
      case Principal.IamUser user -> user;
      case Principal.AssumedRole session -> session;
      // The root user holds every permission whatever its policies say; the simulation is about
      // the policies, so it runs for a principal that has nothing but them.
      default -> new Principal.IamUser(account, "/", "iam-policy-simulator", "AIDASIMULATOR");
    };
  }

  private void addInputs(
      PolicySet.Builder set, Map<String, MatchedStatement> sources, List<String> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      String name = "PolicyInputList." + (i + 1);
      set.identity(name, parse(inputs.get(i), PolicyKind.IDENTITY));
      sources.put(name, new MatchedStatement(name, "none"));
    }
  }

  private List<SimulationResult> simulate(
      Principal principal,
      Caller caller,
      PolicySet policies,
      Map<String, MatchedStatement> sources,
      SimulationRequest request) {
    List<String> resources =
        request.resourceArns().isEmpty() ? List.of("*") : request.resourceArns();
    Caller simulated = caller.as(principal);
    List<SimulationResult> results = new ArrayList<>();
    for (String action : request.actionNames()) {
      for (String resource : resources) {
        // Like IAM's simulator without a ResourcePolicy, only the identity side is simulated:
        // every resource counts as the principal's own account's, so no resource policy is
        // missing (AWS's ResourceOwner defaults to the caller's account).
        AuthorizationContext.Builder context =
            AuthorizationContext.forCaller(simulated, action, resource)
                .resourceAccount(principal.account().value());
        request
            .contextEntries()
            .forEach((key, values) -> {
              if (values.size() == 1) {
                context.key(key, values.getFirst());
              } else {
                context.multivaluedKey(key, values);
              }
            });
        Decision decision = evaluator.evaluate(context.build(), policies);
        results.add(
            new SimulationResult(
                action,
                resource,
                switch (decision.outcome()) {
                  case ALLOW -> "allowed";
                  case EXPLICIT_DENY -> "explicitDeny";
                  case IMPLICIT_DENY -> "implicitDeny";
                },
                matched(decision, sources),
                decision.accessDeniedMessage()));
      }
    }
    return results;
  }

  private static List<MatchedStatement> matched(
      Decision decision, Map<String, MatchedStatement> sources) {
    List<StatementRef> refs = new ArrayList<>(decision.allowingStatements());
    StatementRef deny = decision.denyingStatement();
    if (deny != null) {
      refs.add(deny);
    }
    List<MatchedStatement> out = new ArrayList<>();
    for (StatementRef ref : refs) {
      MatchedStatement source = sources.get(ref.policy().name());
      if (source != null) {
        out.add(source);
      }
    }
    return out;
  }

  /** A managed policy by its name and type user-managed; an inline one by its own name. */
  private static MatchedStatement sourceOf(String policyName, String entityType) {
    if (policyName.startsWith("arn:")) {
      // "ARN" or "ARN via group G"
      int via = policyName.indexOf(" via group ");
      return new MatchedStatement(
          policyName(via < 0 ? policyName : policyName.substring(0, via)), "user-managed");
    }
    // "inline policy P of role R", or of a group the user is in
    String inline = policyName.substring("inline policy ".length());
    int of = inline.indexOf(" of ");
    String owner = inline.substring(of + " of ".length());
    return new MatchedStatement(
        inline.substring(0, of),
        owner.startsWith(EntityKind.GROUP.word() + " ") ? EntityKind.GROUP.word() : entityType);
  }

  private static String policyName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private ferry.policy.Policy parse(String document, PolicyKind kind) {
    try {
      return parser.parse(document, kind);
    } catch (PolicyValidationException e) {
      throw IamErrors.malformedPolicy(e.awsMessage());
    }
  }

  private static void requireInput(SimulationRequest request) {
    if (request.actionNames().isEmpty()) {
      throw IamErrors.constraint(
          "actionNames", "[]", "Member must have length greater than or equal to 1");
    }
  }

  private void require(Caller caller, String sourceArn, AccountId account) {
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of("iam:SimulatePrincipalPolicy", sourceArn, account));
    if (!verdict.allowed()) {
      throw IamErrors.accessDenied(verdict);
    }
  }
}
