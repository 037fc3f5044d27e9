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
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.PolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.PrincipalElement;
import ferry.policy.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * AWS Identity and Access Management, per account: users and their access keys, roles, managed and
 * inline policies. Every operation is itself authorized ({@code iam:CreateRole} on the role's ARN
 * and so on) by the caller's policies; IAM always acts on the caller's own account.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/">IAM API reference</a>
 */
public final class IamService {
  private static final List<String> ENTITY_FILTERS =
      List.of("User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy");

  static final int MAX_POLICY_VERSIONS = 5;
  static final int MAX_ATTACHED_POLICIES = 10;
  static final int MAX_ACCESS_KEYS = 2;
  static final int MAX_TAGS = 50;
  private static final int MAX_USER_INLINE_SIZE = 2_048;
  private static final int MAX_ROLE_INLINE_SIZE = 10_240;

  private final UserRepository users;
  private final RoleRepository roles;
  private final PolicyRepository policies;
  private final EntityPolicyRepository entityPolicies;
  private final AccessKeyRepository accessKeys;
  private final Authorizer authorizer;
  private final PolicyParser parser;
  private final Clock clock;

  public IamService(
      UserRepository users,
      RoleRepository roles,
      PolicyRepository policies,
      EntityPolicyRepository entityPolicies,
      AccessKeyRepository accessKeys,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    this.users = users;
    this.roles = roles;
    this.policies = policies;
    this.entityPolicies = entityPolicies;
    this.accessKeys = accessKeys;
    this.authorizer = authorizer;
    this.parser = parser;
    this.clock = clock;
  }

  // ---- users

  public User createUser(Caller caller, @Nullable String path, String name) {
    return createUser(caller, path, name, null);
  }

  /** CreateUser, with the permissions boundary the user is created with, if any. */
  public User createUser(
      Caller caller, @Nullable String path, String name, @Nullable String permissionsBoundary) {
    IamNames.userName(name);
    String userPath = IamNames.path(path);
    AccountId account = accountOf(caller);
    require(caller, "iam:CreateUser", entityArn(account, EntityKind.USER, userPath, name));
    if (permissionsBoundary != null) {
      attachable(caller, permissionsBoundary);
    }
    var user =
        new User(
            account,
            userPath,
            name,
            AccessKeys.newUniqueId("AIDA"),
            permissionsBoundary,
            clock.instant());
    if (!users.insert(user)) {
      throw IamErrors.alreadyExists("User with name " + name + " already exists.");
    }
    return user;
  }

  /** The named user, or the calling user when {@code name} is null. */
  public User getUser(Caller caller, @Nullable String name) {
    if (name == null) {
      if (caller.principal() instanceof Principal.IamUser self) {
        name = self.name();
      } else {
        throw IamErrors.validation("Must specify userName when calling with non-User credentials");
      }
    }
    User user = user(caller, name);
    require(caller, "iam:GetUser", user.arn());
    return user;
  }

  public List<User> listUsers(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    require(caller, "iam:ListUsers", "arn:aws:iam::" + account + ":user" + prefix + "*");
    return users.list(account, prefix);
  }

  public void deleteUser(Caller caller, String name) {
    User user = user(caller, name);
    require(caller, "iam:DeleteUser", user.arn());
    if (!accessKeys.listFor(user.account(), user.name()).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
    }
    requireNoPolicies(user.account(), EntityKind.USER, user.name());
    users.delete(user.account(), user.name());
  }

  // ---- access keys

  /** A new key for the named user, or for the caller itself when {@code userName} is null. */
  public AccessKey createAccessKey(Caller caller, @Nullable String userName) {
    AccountId account = accountOf(caller);
    String owner = keyOwner(caller, userName);
    require(caller, "iam:CreateAccessKey", keyOwnerArn(caller, owner));
    if (accessKeys.listFor(account, owner).size() >= MAX_ACCESS_KEYS) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
    }
    var key =
        new AccessKey(
            AccessKeys.newLongTermId(),
            AccessKeys.newSecret(),
            account,
            owner,
            true,
            clock.instant());
    accessKeys.insert(key);
    return key;
  }

  public List<AccessKey> listAccessKeys(Caller caller, @Nullable String userName) {
    String owner = keyOwner(caller, userName);
    require(caller, "iam:ListAccessKeys", keyOwnerArn(caller, owner));
    return accessKeys.listFor(accountOf(caller), owner);
  }

  public void updateAccessKey(
      Caller caller, @Nullable String userName, String accessKeyId, String status) {
    if (!status.equals("Active") && !status.equals("Inactive")) {
      throw IamErrors.constraint(
          "status", status, "Member must satisfy enum value set: [Active, Inactive, Expired]");
    }
    AccessKey key = ownedKey(caller, userName, accessKeyId, "iam:UpdateAccessKey");
    accessKeys.updateStatus(key.accessKeyId(), status.equals("Active"));
  }

  public void deleteAccessKey(Caller caller, @Nullable String userName, String accessKeyId) {
    AccessKey key = ownedKey(caller, userName, accessKeyId, "iam:DeleteAccessKey");
    accessKeys.delete(key.accessKeyId());
  }

  private AccessKey ownedKey(
      Caller caller, @Nullable String userName, String accessKeyId, String action) {
    String owner = keyOwner(caller, userName);
    require(caller, action, keyOwnerArn(caller, owner));
    return accessKeys.listFor(accountOf(caller), owner).stream()
        .filter(k -> k.accessKeyId().equals(accessKeyId))
        .findFirst()
        .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
  }

  /** The user whose keys are meant: the named one (which must exist), else the caller's own. */
  private @Nullable String keyOwner(Caller caller, @Nullable String userName) {
    if (userName != null) {
      return user(caller, userName).name();
    }
    return switch (caller.principal()) {
      case Principal.IamUser self -> self.name();
      case Principal.AccountRoot root -> null;
      default ->
          throw IamErrors.validation(
              "Must specify userName when calling with non-User credentials");
    };
  }

  private String keyOwnerArn(Caller caller, @Nullable String owner) {
    AccountId account = accountOf(caller);
    if (owner == null) {
      return account.rootArn();
    }
    return user(caller, owner).arn();
  }

  // ---- roles

  /**
   * CreateRole's parameters; {@code path}, description, duration and permissions boundary may be
   * absent.
   */
  public record CreateRoleRequest(
      String roleName,
      @Nullable String path,
      String assumeRolePolicyDocument,
      @Nullable String description,
      @Nullable Integer maxSessionDuration,
      Map<String, String> tags,
      @Nullable String permissionsBoundary) {
    public CreateRoleRequest {
      tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A role created without a permissions boundary. */
    public CreateRoleRequest(
        String roleName,
        @Nullable String path,
        String assumeRolePolicyDocument,
        @Nullable String description,
        @Nullable Integer maxSessionDuration,
        Map<String, String> tags) {
      this(roleName, path, assumeRolePolicyDocument, description, maxSessionDuration, tags, null);
    }
  }

  public Role createRole(Caller caller, CreateRoleRequest request) {
    IamNames.roleName(request.roleName());
    String path = IamNames.path(request.path());
    IamNames.description(request.description());
    int duration = IamNames.maxSessionDuration(request.maxSessionDuration());
    if (request.tags().size() > MAX_TAGS) {
      throw IamErrors.limitExceeded("Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
    }
    AccountId account = accountOf(caller);
    require(
        caller, "iam:CreateRole", entityArn(account, EntityKind.ROLE, path, request.roleName()));
    validateTrustPolicy(request.assumeRolePolicyDocument());
    if (request.permissionsBoundary() != null) {
      attachable(caller, request.permissionsBoundary());
    }
    var role =
        new Role(
            account,
            path,
            request.roleName(),
            AccessKeys.newUniqueId("AROA"),
            request.assumeRolePolicyDocument(),
            request.description(),
            duration,
            request.permissionsBoundary(),
            request.tags(),
            clock.instant());
    if (!roles.insert(role)) {
      throw IamErrors.alreadyExists("Role with name " + request.roleName() + " already exists.");
    }
    return role;
  }

  public Role getRole(Caller caller, String name) {
    Role role = role(caller, name);
    require(caller, "iam:GetRole", role.arn());
    return role;
  }

  public List<Role> listRoles(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    require(caller, "iam:ListRoles", "arn:aws:iam::" + account + ":role" + prefix + "*");
    return roles.list(account, prefix);
  }

  public void deleteRole(Caller caller, String name) {
    Role role = role(caller, name);
    require(caller, "iam:DeleteRole", role.arn());
    requireNoPolicies(role.account(), EntityKind.ROLE, role.name());
    roles.delete(role.account(), role.name());
  }

  /** UpdateRole: a null description or duration leaves that setting as it is. */
  public void updateRole(
      Caller caller,
      String name,
      @Nullable String description,
      @Nullable Integer maxSessionDuration) {
    IamNames.description(description);
    if (maxSessionDuration != null) {
      IamNames.maxSessionDuration(maxSessionDuration);
    }
    Role role = role(caller, name);
    require(caller, "iam:UpdateRole", role.arn());
    roles.updateDescriptionAndDuration(
        role.account(),
        role.name(),
        description == null ? role.description() : description,
        maxSessionDuration == null ? role.maxSessionDuration() : maxSessionDuration);
  }

  /** TagRole: adds the tags, replacing the values of keys the role has already. */
  public void tagRole(Caller caller, String name, Map<String, String> tags) {
    Role role = role(caller, name);
    require(caller, "iam:TagRole", role.arn());
    Map<String, String> merged = new LinkedHashMap<>(role.tags());
    merged.putAll(tags);
    if (merged.size() > MAX_TAGS) {
      throw IamErrors.limitExceeded("Cannot exceed quota for TagsPerRole: " + MAX_TAGS);
    }
    roles.replaceTags(role.account(), role.name(), merged);
  }

  public void untagRole(Caller caller, String name, List<String> tagKeys) {
    Role role = role(caller, name);
    require(caller, "iam:UntagRole", role.arn());
    Map<String, String> remaining = new LinkedHashMap<>(role.tags());
    tagKeys.forEach(remaining::remove);
    roles.replaceTags(role.account(), role.name(), remaining);
  }

  public Map<String, String> listRoleTags(Caller caller, String name) {
    Role role = role(caller, name);
    require(caller, "iam:ListRoleTags", role.arn());
    return role.tags();
  }

  public void updateAssumeRolePolicy(Caller caller, String name, String document) {
    Role role = role(caller, name);
    require(caller, "iam:UpdateAssumeRolePolicy", role.arn());
    validateTrustPolicy(document);
    roles.updateTrustPolicy(role.account(), role.name(), document);
  }

  /** Sets or (with a null ARN) removes a role's or user's permissions boundary. */
  public void setPermissionsBoundary(
      Caller caller, EntityKind kind, String name, @Nullable String policyArn) {
    String action =
        (policyArn == null ? "iam:Delete" : "iam:Put")
            + (kind == EntityKind.ROLE ? "Role" : "User")
            + "PermissionsBoundary";
    if (kind == EntityKind.ROLE) {
      Role role = role(caller, name);
      require(caller, action, role.arn());
      if (policyArn != null) {
        attachable(caller, policyArn);
      }
      roles.setPermissionsBoundary(role.account(), role.name(), policyArn);
    } else {
      User user = user(caller, name);
      require(caller, action, user.arn());
      if (policyArn != null) {
        attachable(caller, policyArn);
      }
      users.setPermissionsBoundary(user.account(), user.name(), policyArn);
    }
  }

  private void validateTrustPolicy(String document) {
    Policy policy;
    try {
      policy = parser.parse(document, PolicyKind.TRUST);
    } catch (PolicyValidationException e) {
      throw e.tooLarge()
          ? IamErrors.limitExceeded(
              "Cannot exceed quota for ACLSizePerRole: " + PolicyKind.TRUST.maxSize())
          : IamErrors.malformedPolicy(e.awsMessage());
    }
    for (Statement statement : policy.statements()) {
      PrincipalElement principal = statement.principal();
      if (principal == null) {
        continue;
      }
      for (String value : principal.aws()) {
        if (!principalExists(value)) {
          throw IamErrors.malformedPolicy("Invalid principal in policy: \"AWS\":\"" + value + "\"");
        }
      }
    }
  }

  /** Whether a user or role a trust policy names exists; other principals are not checked. */
  private boolean principalExists(String value) {
    if (!Arn.isArn(value)) {
      return true;
    }
    Arn arn = Arn.parse(value);
    String resource = arn.resource();
    boolean user = resource.startsWith("user/");
    if (!arn.service().equals("iam")
        || !AccountId.isValid(arn.account())
        || !(user || resource.startsWith("role/"))) {
      return true;
    }
    AccountId account = AccountId.of(arn.account());
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    return user
        ? users.find(account, name).filter(u -> u.arn().equals(value)).isPresent()
        : roles.find(account, name).filter(r -> r.arn().equals(value)).isPresent();
  }

  // ---- managed policies

  public ManagedPolicy createPolicy(
      Caller caller,
      String name,
      @Nullable String path,
      String document,
      @Nullable String description) {
    IamNames.policyName(name);
    String policyPath = IamNames.path(path);
    IamNames.description(description);
    AccountId account = accountOf(caller);
    String arn = ManagedPolicy.arnOf(account, policyPath, name);
    require(caller, "iam:CreatePolicy", arn);
    validateManaged(document);
    Instant now = clock.instant();
    var policy =
        new ManagedPolicy(
            account,
            policyPath,
            name,
            AccessKeys.newUniqueId("ANPA"),
            description,
            "v1",
            0,
            now,
            now);
    if (!policies.insert(policy, document)) {
      throw IamErrors.alreadyExists(
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }
    return policy;
  }

  public ManagedPolicy getPolicy(Caller caller, String arn) {
    ManagedPolicy policy = policy(caller, arn);
    require(caller, "iam:GetPolicy", arn);
    return policy;
  }

  public PolicyVersion getPolicyVersion(Caller caller, String arn, String versionId) {
    policy(caller, arn);
    require(caller, "iam:GetPolicyVersion", arn);
    return policies
        .version(arn, versionId)
        .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
  }

  public PolicyVersion createPolicyVersion(
      Caller caller, String arn, String document, boolean setAsDefault) {
    policy(caller, arn);
    require(caller, "iam:CreatePolicyVersion", arn);
    validateManaged(document);
    return policies
        .addVersion(arn, document, setAsDefault, MAX_POLICY_VERSIONS, clock.instant())
        .orElseThrow(() ->
            IamErrors.limitExceeded(
                "A managed policy can have up to "
                    + MAX_POLICY_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing"
                    + " version."));
  }

  public List<PolicyVersion> listPolicyVersions(Caller caller, String arn) {
    policy(caller, arn);
    require(caller, "iam:ListPolicyVersions", arn);
    return policies.versions(arn);
  }

  public void setDefaultPolicyVersion(Caller caller, String arn, String versionId) {
    policy(caller, arn);
    require(caller, "iam:SetDefaultPolicyVersion", arn);
    policies
        .version(arn, versionId)
        .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
    policies.setDefaultVersion(arn, versionId, clock.instant());
  }

  public void deletePolicyVersion(Caller caller, String arn, String versionId) {
    policy(caller, arn);
    require(caller, "iam:DeletePolicyVersion", arn);
    PolicyVersion version =
        policies
            .version(arn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
    if (version.isDefault()) {
      throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
    }
    policies.deleteVersion(arn, versionId);
  }

  /** ListPolicies with Scope=Local (Ferry has no AWS managed policies). */
  public List<ManagedPolicy> listPolicies(
      Caller caller, @Nullable String pathPrefix, boolean onlyAttached) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    require(caller, "iam:ListPolicies", "arn:aws:iam::" + account + ":policy" + prefix + "*");
    return policies.list(account, prefix, onlyAttached);
  }

  public void deletePolicy(Caller caller, String arn) {
    ManagedPolicy policy = policy(caller, arn);
    require(caller, "iam:DeletePolicy", arn);
    if (policy.attachmentCount() > 0) {
      throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
    }
    if (policies.versions(arn).size() > 1) {
      throw IamErrors.deleteConflict(
          "This policy has more than one version. Before you delete a policy, you must delete"
              + " the policy's versions. The default version is deleted with the policy.");
    }
    policies.delete(arn);
  }

  private void validateManaged(String document) {
    try {
      parser.parse(document, PolicyKind.MANAGED);
    } catch (PolicyValidationException e) {
      throw e.tooLarge()
          ? IamErrors.limitExceeded(
              "Cannot exceed quota for PolicySize: " + PolicyKind.MANAGED.maxSize())
          : IamErrors.malformedPolicy(e.awsMessage());
    }
  }

  // ---- attached and inline policies of users and roles

  public void attachPolicy(Caller caller, EntityKind kind, String entity, String policyArn) {
    String entityArn = entity(caller, kind, entity);
    require(caller, action("Attach", kind, "Policy"), entityArn);
    ManagedPolicy policy = attachable(caller, policyArn);
    if (!entityPolicies.attach(
        policy.account(), kind, entity, policy.arn(), MAX_ATTACHED_POLICIES)) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for PoliciesPer"
              + (kind == EntityKind.ROLE ? "Role" : "User")
              + ": "
              + MAX_ATTACHED_POLICIES);
    }
  }

  public void detachPolicy(Caller caller, EntityKind kind, String entity, String policyArn) {
    String entityArn = entity(caller, kind, entity);
    require(caller, action("Detach", kind, "Policy"), entityArn);
    if (!entityPolicies.detach(accountOf(caller), kind, entity, policyArn)) {
      throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
    }
  }

  public List<AttachedPolicy> listAttachedPolicies(Caller caller, EntityKind kind, String entity) {
    return listAttachedPolicies(caller, kind, entity, null);
  }

  /** The managed policies attached to a user or role whose path starts with {@code pathPrefix}. */
  public List<AttachedPolicy> listAttachedPolicies(
      Caller caller, EntityKind kind, String entity, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    String entityArn = entity(caller, kind, entity);
    require(caller, action("ListAttached", kind, "Policies"), entityArn);
    return entityPolicies.attached(accountOf(caller), kind, entity).stream()
        .filter(policy -> policyPath(policy.policyArn()).startsWith(prefix))
        .toList();
  }

  /** The path of a managed policy, from its ARN: {@code arn:aws:iam::1:policy/a/b/name} → /a/b/. */
  private static String policyPath(String arn) {
    String resource = arn.substring(arn.indexOf(":policy/") + ":policy".length());
    return resource.substring(0, resource.lastIndexOf('/') + 1);
  }

  public void putInlinePolicy(
      Caller caller, EntityKind kind, String entity, String policyName, String document) {
    IamNames.policyName(policyName);
    String entityArn = entity(caller, kind, entity);
    require(caller, action("Put", kind, "Policy"), entityArn);
    try {
      parser.parse(document, PolicyKind.IDENTITY);
    } catch (PolicyValidationException e) {
      if (!e.tooLarge()) {
        throw IamErrors.malformedPolicy(e.awsMessage());
      }
    }
    AccountId account = accountOf(caller);
    int limit = kind == EntityKind.ROLE ? MAX_ROLE_INLINE_SIZE : MAX_USER_INLINE_SIZE;
    int total = PolicyParser.size(document);
    for (InlinePolicy other : entityPolicies.inline(account, kind, entity)) {
      if (!other.name().equals(policyName)) {
        total += PolicyParser.size(other.document());
      }
    }
    if (total > limit) {
      throw IamErrors.limitExceeded(
          "Maximum policy size of " + limit + " bytes exceeded for " + kind.word() + " " + entity);
    }
    entityPolicies.putInline(account, kind, entity, new InlinePolicy(policyName, document));
  }

  public InlinePolicy getInlinePolicy(
      Caller caller, EntityKind kind, String entity, String policyName) {
    String entityArn = entity(caller, kind, entity);
    require(caller, action("Get", kind, "Policy"), entityArn);
    return entityPolicies
        .inline(accountOf(caller), kind, entity, policyName)
        .orElseThrow(() -> IamErrors.noSuchInlinePolicy(kind, policyName));
  }

  public List<String> listInlinePolicies(Caller caller, EntityKind kind, String entity) {
    String entityArn = entity(caller, kind, entity);
    require(caller, action("List", kind, "Policies"), entityArn);
    return entityPolicies.inline(accountOf(caller), kind, entity).stream()
        .map(InlinePolicy::name)
        .toList();
  }

  public void deleteInlinePolicy(Caller caller, EntityKind kind, String entity, String policyName) {
    String entityArn = entity(caller, kind, entity);
    require(caller, action("Delete", kind, "Policy"), entityArn);
    if (!entityPolicies.deleteInline(accountOf(caller), kind, entity, policyName)) {
      throw IamErrors.noSuchInlinePolicy(kind, policyName);
    }
  }

  // ---- the whole account

  /** A user or role with its policies, as GetAccountAuthorizationDetails lists it. */
  public record EntityDetail<T>(
      T entity, List<InlinePolicy> inlinePolicies, List<AttachedPolicy> attachedPolicies) {}

  /** A managed policy with all its versions. */
  public record PolicyDetail(ManagedPolicy policy, List<PolicyVersion> versions) {}

  /** GetAccountAuthorizationDetails' answer. */
  public record AuthorizationDetails(
      List<EntityDetail<User>> users,
      List<EntityDetail<Role>> roles,
      List<PolicyDetail> policies) {}

  /**
   * Every user, role and managed policy of the caller's account with their policies; {@code filter}
   * holds the entity types asked for (User, Role, LocalManagedPolicy …), all when empty.
   */
  public AuthorizationDetails getAccountAuthorizationDetails(Caller caller, List<String> filter) {
    if (!ENTITY_FILTERS.containsAll(filter)) {
      throw IamErrors.constraint(
          "filter",
          filter.toString(),
          "Member must satisfy constraint: [Member must satisfy enum value set: "
              + ENTITY_FILTERS
              + "]");
    }
    AccountId account = accountOf(caller);
    require(caller, "iam:GetAccountAuthorizationDetails", "*");
    List<EntityDetail<User>> userDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("User")) {
      for (User user : users.list(account, "/")) {
        userDetails.add(
            new EntityDetail<>(
                user,
                entityPolicies.inline(account, EntityKind.USER, user.name()),
                entityPolicies.attached(account, EntityKind.USER, user.name())));
      }
    }
    List<EntityDetail<Role>> roleDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("Role")) {
      for (Role role : roles.list(account, "/")) {
        roleDetails.add(
            new EntityDetail<>(
                role,
                entityPolicies.inline(account, EntityKind.ROLE, role.name()),
                entityPolicies.attached(account, EntityKind.ROLE, role.name())));
      }
    }
    List<PolicyDetail> policyDetails = new ArrayList<>();
    if (filter.isEmpty() || filter.contains("LocalManagedPolicy")) {
      for (ManagedPolicy policy : policies.list(account, "/", false)) {
        policyDetails.add(new PolicyDetail(policy, policies.versions(policy.arn())));
      }
    }
    return new AuthorizationDetails(userDetails, roleDetails, policyDetails);
  }

  // ---- lookups shared with STS and the policy source

  /** The role an ARN names, or null when there is none; no authorization (STS decides that). */
  public @Nullable Role findRole(String roleArn) {
    if (!Arn.isArn(roleArn)) {
      return null;
    }
    Arn arn = Arn.parse(roleArn);
    if (!arn.service().equals("iam")
        || !AccountId.isValid(arn.account())
        || !arn.resource().startsWith("role/")) {
      return null;
    }
    String resource = arn.resource();
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    Role role = roles.find(AccountId.of(arn.account()), name).orElse(null);
    return role != null && role.arn().equals(roleArn) ? role : null;
  }

  /** The default document of a managed policy, or null when there is no such policy. */
  public @Nullable String policyDocument(String policyArn) {
    return policies.defaultDocument(policyArn).orElse(null);
  }

  // ---- helpers

  private User user(Caller caller, String name) {
    IamNames.userName(name);
    return users.find(accountOf(caller), name).orElseThrow(() -> IamErrors.noSuchUser(name));
  }

  private Role role(Caller caller, String name) {
    IamNames.roleName(name);
    return roles.find(accountOf(caller), name).orElseThrow(() -> IamErrors.noSuchRole(name));
  }

  private ManagedPolicy policy(Caller caller, String arn) {
    requireArn(arn);
    ManagedPolicy policy = policies.findByArn(arn).orElseThrow(() -> IamErrors.noSuchPolicy(arn));
    if (!policy.account().equals(accountOf(caller))) {
      throw IamErrors.noSuchPolicy(arn);
    }
    return policy;
  }

  private ManagedPolicy attachable(Caller caller, String arn) {
    requireArn(arn);
    return policies
        .findByArn(arn)
        .filter(p -> p.account().equals(accountOf(caller)))
        .orElseThrow(() -> IamErrors.notAttachable(arn));
  }

  private static void requireArn(String arn) {
    if (!Arn.isArn(arn)) {
      throw IamErrors.invalidInput("ARN " + arn + " is not valid.");
    }
  }

  /** Checks that the user or role exists and returns its ARN. */
  private String entity(Caller caller, EntityKind kind, String name) {
    return kind == EntityKind.ROLE ? role(caller, name).arn() : user(caller, name).arn();
  }

  private void requireNoPolicies(AccountId account, EntityKind kind, String name) {
    if (!entityPolicies.attached(account, kind, name).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    if (!entityPolicies.inline(account, kind, name).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete policies first.");
    }
  }

  private static String action(String verb, EntityKind kind, String noun) {
    return "iam:" + verb + (kind == EntityKind.ROLE ? "Role" : "User") + noun;
  }

  private static String entityArn(AccountId account, EntityKind kind, String path, String name) {
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

  private void require(Caller caller, String action, String resource) {
    Verdict verdict =
        authorizer.authorize(caller, AccessRequest.of(action, resource, accountOf(caller)));
    if (!verdict.allowed()) {
      throw IamErrors.accessDenied(verdict);
    }
  }
}
