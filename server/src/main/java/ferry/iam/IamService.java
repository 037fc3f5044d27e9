package ferry.iam;

import ferry.authz.Authorizer;
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.AccountRepository;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.InstanceProfileRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.PolicyParser;
import java.time.Clock;

/**
 * AWS Identity and Access Management, per account, one class per resource family. Every operation
 * is itself authorized ({@code iam:CreateRole} on the role's ARN and so on) by the caller's
 * policies; IAM always acts on the caller's own account.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/">IAM API reference</a>
 */
public final class IamService {
  private final IamUsers users;
  private final IamRoles roles;
  private final IamGroups groups;
  private final IamInstanceProfiles instanceProfiles;
  private final IamManagedPolicies managedPolicies;
  private final IamEntityPolicies entityPolicies;
  private final IamAccountDetails accountDetails;
  private final IamPolicyEntities policyEntities;

  public IamService(
      AccountRepository accounts,
      UserRepository users,
      RoleRepository roles,
      GroupRepository groups,
      InstanceProfileRepository instanceProfiles,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies,
      AccessKeyRepository accessKeys,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    var entities = new IamEntities(users, roles, groups, policies, entityPolicies, authorizer);
    this.users = new IamUsers(accounts, users, groups, accessKeys, entities, clock);
    this.roles = new IamRoles(users, roles, instanceProfiles, entities, parser, clock);
    this.managedPolicies = new IamManagedPolicies(policies, entities, parser, clock);
    this.entityPolicies = new IamEntityPolicies(users, roles, entityPolicies, entities, parser);
    this.groups = new IamGroups(groups, entities, clock);
    this.instanceProfiles = new IamInstanceProfiles(instanceProfiles, entities, clock);
    this.accountDetails =
        new IamAccountDetails(
            users, roles, groups, instanceProfiles, policies, entityPolicies, entities);
    this.policyEntities = new IamPolicyEntities(users, roles, groups, entityPolicies, entities);
  }

  /** Users and their access keys. */
  public IamUsers users() {
    return users;
  }

  /** Roles, their trust policies and tags. */
  public IamRoles roles() {
    return roles;
  }

  /** Groups and the users in them. */
  public IamGroups groups() {
    return groups;
  }

  /** Instance profiles and their roles. */
  public IamInstanceProfiles instanceProfiles() {
    return instanceProfiles;
  }

  /** Customer managed policies and their versions. */
  public IamManagedPolicies managedPolicies() {
    return managedPolicies;
  }

  /** The attached, inline and boundary policies of users, roles and groups. */
  public IamEntityPolicies entityPolicies() {
    return entityPolicies;
  }

  /** ListEntitiesForPolicy. */
  public IamPolicyEntities policyEntities() {
    return policyEntities;
  }

  /** GetAccountAuthorizationDetails. */
  public IamAccountDetails accountDetails() {
    return accountDetails;
  }
}
