package ferry.iam;

import static ferry.iam.IamEntities.accountOf;
import static ferry.iam.IamEntities.entityArn;

import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.Caller;
import ferry.iam.store.InstanceProfileRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.Policy;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.policy.PrincipalElement;
import ferry.policy.Statement;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM roles, their trust policies and tags: CreateRole, GetRole, ListRoles, DeleteRole, UpdateRole,
 * UpdateAssumeRolePolicy, TagRole, UntagRole, ListRoleTags.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html">IAM roles</a>
 */
public final class IamRoles {
  private final UserRepository users;
  private final RoleRepository roles;
  private final InstanceProfileRepository instanceProfiles;
  private final IamEntities entities;
  private final PolicyParser parser;
  private final Clock clock;

  IamRoles(
      UserRepository users,
      RoleRepository roles,
      InstanceProfileRepository instanceProfiles,
      IamEntities entities,
      PolicyParser parser,
      Clock clock) {
    this.users = users;
    this.roles = roles;
    this.instanceProfiles = instanceProfiles;
    this.entities = entities;
    this.parser = parser;
    this.clock = clock;
  }

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
      tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
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
    IamTags.validate(request.tags(), "Role");
    AccountId account = accountOf(caller);
    String arn = entityArn(account, EntityKind.ROLE, path, request.roleName());
    entities.require(caller, "iam:CreateRole", arn);
    if (!request.tags().isEmpty()) {
      entities.require(caller, "iam:TagRole", arn);
    }
    validateTrustPolicy(request.assumeRolePolicyDocument());
    if (request.permissionsBoundary() != null) {
      entities.attachable(caller, request.permissionsBoundary());
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
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:GetRole", role.arn());
    return role;
  }

  public List<Role> listRoles(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    entities.require(caller, "iam:ListRoles", "arn:aws:iam::" + account + ":role" + prefix + "*");
    return roles.list(account, prefix);
  }

  public void deleteRole(Caller caller, String name) {
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:DeleteRole", role.arn());
    entities.requireNoPolicies(role.account(), EntityKind.ROLE, role.name());
    if (!instanceProfiles.listForRole(role.account(), role.name()).isEmpty()) {
      throw IamErrors.deleteConflict(
          "Cannot delete entity, must remove roles from instance profile first.");
    }
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
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:UpdateRole", role.arn());
    roles.updateDescriptionAndDuration(
        role.account(),
        role.name(),
        description == null ? role.description() : description,
        maxSessionDuration == null ? role.maxSessionDuration() : maxSessionDuration);
  }

  /** TagRole: adds the tags, replacing the values of keys (in any case) the role has already. */
  public void tagRole(Caller caller, String name, Map<String, String> tags) {
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:TagRole", role.arn());
    roles.changeTags(role.account(), role.name(), stored -> IamTags.merge(stored, tags, "Role"));
  }

  public void untagRole(Caller caller, String name, List<String> tagKeys) {
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:UntagRole", role.arn());
    roles.changeTags(role.account(), role.name(), stored -> IamTags.remove(stored, tagKeys));
  }

  public Map<String, String> listRoleTags(Caller caller, String name) {
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:ListRoleTags", role.arn());
    return role.tags();
  }

  public void updateAssumeRolePolicy(Caller caller, String name, String document) {
    Role role = entities.role(caller, name);
    entities.require(caller, "iam:UpdateAssumeRolePolicy", role.arn());
    validateTrustPolicy(document);
    roles.updateTrustPolicy(role.account(), role.name(), document);
  }

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
}
