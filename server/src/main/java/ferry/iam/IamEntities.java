package ferry.iam;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.aws.ErrorCode;
import ferry.aws.Principal;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;

/**
 * What every IAM operation starts with: the caller's account, the authorization of the action, and
 * the lookup of the users, roles and policies it names (NoSuchEntity when they do not exist).
 */
final class IamEntities {
  private final UserRepository users;
  private final RoleRepository roles;
  private final GroupRepository groups;
  private final PolicyRepository policies;
  private final EntityPolicyRepository entityPolicies;
  private final Authorizer authorizer;

  IamEntities(
      UserRepository users,
      RoleRepository roles,
      GroupRepository groups,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies,
      Authorizer authorizer) {
    this.users = users;
    this.roles = roles;
    this.groups = groups;
    this.policies = policies;
    this.entityPolicies = entityPolicies;
    this.authorizer = authorizer;
  }

  User user(Caller caller, String name) {
    IamNames.userName(name);
    return users.find(accountOf(caller), name).orElseThrow(() -> IamErrors.noSuchUser(name));
  }

  Role role(Caller caller, String name) {
    IamNames.roleName(name);
    return roles.find(accountOf(caller), name).orElseThrow(() -> IamErrors.noSuchRole(name));
  }

  Group group(Caller caller, String name) {
    IamNames.groupName(name);
    return groups.find(accountOf(caller), name).orElseThrow(() -> IamErrors.noSuchGroup(name));
  }

  ManagedPolicy policy(Caller caller, String arn) {
    requireArn(arn);
    ManagedPolicy policy = policies.findByArn(arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    if (!policy.account().equals(accountOf(caller))) {
      throw IamErrors.noSuchPolicy(arn);
    }
    return policy;
  }

  /** A managed policy of the caller's account that may be attached or used as a boundary. */
  ManagedPolicy attachable(Caller caller, String arn) {
    requireArn(arn);
    return policies
        .findByArn(arn)
        .filter(p -> p.account().equals(accountOf(caller)))
        .orElseThrow(() -> IamErrors.notAttachable(arn));
  }

  static void requireArn(String arn) {
    if (!Arn.isArn(arn)) {
      throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
    }
  }

  /** Checks that the user, role or group exists and returns its ARN. */
  String entity(Caller caller, EntityKind kind, String name) {
    return switch (kind) {
      case USER -> user(caller, name).arn();
      case ROLE -> role(caller, name).arn();
      case GROUP -> group(caller, name).arn();
    };
  }

  void requireNoPolicies(AccountId account, EntityKind kind, String name) {
    if (!entityPolicies.attached(account, kind, name).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    if (!entityPolicies.inline(account, kind, name).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
    }
  }

  static String entityArn(AccountId account, EntityKind kind, String path, String name) {
    return "arn:aws:iam::" + account + ":" + kind.word() + path + name;
  }

  /** IAM acts on the caller's own account; callers without one have nothing to manage. */
  static AccountId accountOf(Caller caller) {
    return switch (caller.principal()) {
      case Principal.AccountRoot p -> p.account();
      case Principal.IamUser p -> p.account();
      case Principal.AssumedRole p -> p.account();
      case Principal.ServicePrincipal p ->
          throw new AwsException(
              ErrorCode.sender("AccessDenied", 403),
              p.service() + " has no account whose IAM it could manage");
      case Principal.Anonymous p -> throw IamErrors.missingAuthentication();
    };
  }

  void require(Caller caller, String action, String resource) {
    Verdict verdict =
        authorizer.authorize(caller, AccessRequest.of(action, resource, accountOf(caller)));
    if (!verdict.allowed()) {
      throw IamErrors.accessDenied(verdict);
    }
  }
}
