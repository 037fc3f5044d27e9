package ferry.iam.wire;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.AccessKey;
import ferry.iam.Account;
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.Group;
import ferry.iam.IamAccountDetails;
import ferry.iam.IamEntityPolicies;
import ferry.iam.IamErrors;
import ferry.iam.IamManagedPolicies;
import ferry.iam.IamRoles;
import ferry.iam.IamService;
import ferry.iam.IamTags;
import ferry.iam.IamUsers;
import ferry.iam.InlinePolicy;
import ferry.iam.ManagedPolicy;
import ferry.iam.PolicySimulator;
import ferry.iam.PolicyVersion;
import ferry.iam.Role;
import ferry.iam.User;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryApi;
import ferry.protocol.query.QueryOperation;
import ferry.protocol.query.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * IAM's query-protocol binding. Policy documents go out URL-encoded, as IAM sends them.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/APIReference/">IAM API reference</a>
 */
public final class IamApi extends QueryApi {
  private final IamUsers users;
  private final IamRoles roles;
  private final IamManagedPolicies policies;
  private final IamEntityPolicies entityPolicies;
  private final IamAccountDetails accountDetails;
  private final GroupApi groups;
  private final InstanceProfileApi instanceProfiles;
  private final PolicySimulator simulator;
  private final Map<String, QueryOperation> operations = new LinkedHashMap<>();

  public IamApi(IamService iam, PolicySimulator simulator) {
    super("iam", "2010-05-08");
    this.users = iam.users();
    this.roles = iam.roles();
    this.policies = iam.managedPolicies();
    this.entityPolicies = iam.entityPolicies();
    this.accountDetails = iam.accountDetails();
    this.groups = new GroupApi(iam.groups());
    this.instanceProfiles = new InstanceProfileApi(iam.instanceProfiles());
    this.simulator = simulator;
    operations.put("CreateUser", this::createUser);
    operations.put("GetUser", this::getUser);
    operations.put("ListUsers", this::listUsers);
    operations.put("DeleteUser", (p, r) -> none(() -> users.deleteUser(r.caller(), user(p))));
    operations.put("CreateAccessKey", this::createAccessKey);
    operations.put("ListAccessKeys", this::listAccessKeys);
    operations.put(
        "UpdateAccessKey",
        (p, r) ->
            none(() ->
                users.updateAccessKey(
                    r.caller(),
                    p.optional("UserName"),
                    p.required("AccessKeyId"),
                    p.required("Status"))));
    operations.put(
        "DeleteAccessKey",
        (p, r) ->
            none(() ->
                users.deleteAccessKey(
                    r.caller(), p.optional("UserName"), p.required("AccessKeyId"))));
    operations.put("CreateRole", this::createRole);
    operations.put("GetRole", (p, r) -> roleResult(roles.getRole(r.caller(), role(p))));
    operations.put("ListRoles", this::listRoles);
    operations.put("DeleteRole", (p, r) -> none(() -> roles.deleteRole(r.caller(), role(p))));
    operations.put(
        "UpdateRole",
        (p, r) ->
            empty(() ->
                roles.updateRole(
                    r.caller(),
                    role(p),
                    p.optional("Description"),
                    p.optionalInt("MaxSessionDuration"))));
    operations.put("TagRole", (p, r) -> none(() -> roles.tagRole(r.caller(), role(p), tags(p))));
    operations.put(
        "UntagRole", (p, r) -> none(() -> roles.untagRole(r.caller(), role(p), p.list("TagKeys"))));
    operations.put("ListRoleTags", (p, r) -> tagPage(p, roles.listRoleTags(r.caller(), role(p))));
    operations.put("TagUser", (p, r) -> none(() -> users.tagUser(r.caller(), user(p), tags(p))));
    operations.put(
        "UntagUser", (p, r) -> none(() -> users.untagUser(r.caller(), user(p), p.list("TagKeys"))));
    operations.put("ListUserTags", (p, r) -> tagPage(p, users.listUserTags(r.caller(), user(p))));
    operations.put(
        "TagPolicy", (p, r) -> none(() -> policies.tagPolicy(r.caller(), arn(p), tags(p))));
    operations.put(
        "UntagPolicy",
        (p, r) -> none(() -> policies.untagPolicy(r.caller(), arn(p), p.list("TagKeys"))));
    operations.put(
        "ListPolicyTags", (p, r) -> tagPage(p, policies.listPolicyTags(r.caller(), arn(p))));
    operations.put(
        "UpdateAssumeRolePolicy",
        (p, r) ->
            none(() ->
                roles.updateAssumeRolePolicy(r.caller(), role(p), p.required("PolicyDocument"))));
    operations.put("CreateGroup", groups::createGroup);
    operations.put("GetGroup", groups::getGroup);
    operations.put("ListGroups", groups::listGroups);
    operations.put("UpdateGroup", groups::updateGroup);
    operations.put("DeleteGroup", groups::deleteGroup);
    operations.put("AddUserToGroup", groups::addUserToGroup);
    operations.put("RemoveUserFromGroup", groups::removeUserFromGroup);
    operations.put("ListGroupsForUser", groups::listGroupsForUser);
    operations.put("CreateInstanceProfile", instanceProfiles::createInstanceProfile);
    operations.put("GetInstanceProfile", instanceProfiles::getInstanceProfile);
    operations.put("ListInstanceProfiles", instanceProfiles::listInstanceProfiles);
    operations.put("DeleteInstanceProfile", instanceProfiles::deleteInstanceProfile);
    operations.put("AddRoleToInstanceProfile", instanceProfiles::addRoleToInstanceProfile);
    operations.put(
        "RemoveRoleFromInstanceProfile", instanceProfiles::removeRoleFromInstanceProfile);
    operations.put("ListInstanceProfilesForRole", instanceProfiles::listInstanceProfilesForRole);
    for (EntityKind kind : List.of(EntityKind.USER, EntityKind.ROLE)) {
      String noun = kind.noun();
      operations.put(
          "Put" + noun + "PermissionsBoundary",
          (p, r) ->
              none(() ->
                  entityPolicies.setPermissionsBoundary(
                      r.caller(), kind, entity(p, kind), p.required("PermissionsBoundary"))));
      operations.put(
          "Delete" + noun + "PermissionsBoundary",
          (p, r) ->
              none(() ->
                  entityPolicies.setPermissionsBoundary(r.caller(), kind, entity(p, kind), null)));
    }
    for (EntityKind kind : EntityKind.values()) {
      String noun = kind.noun();
      operations.put(
          "Attach" + noun + "Policy",
          (p, r) ->
              none(() ->
                  entityPolicies.attachPolicy(
                      r.caller(), kind, entity(p, kind), p.required("PolicyArn"))));
      operations.put(
          "Detach" + noun + "Policy",
          (p, r) ->
              none(() ->
                  entityPolicies.detachPolicy(
                      r.caller(), kind, entity(p, kind), p.required("PolicyArn"))));
      operations.put(
          "ListAttached" + noun + "Policies",
          (p, r) ->
              page(
                  p,
                  entityPolicies.listAttachedPolicies(
                      r.caller(), kind, entity(p, kind), p.optional("PathPrefix")),
                  "AttachedPolicies",
                  IamApi::attachedPolicy));
      operations.put(
          "Put" + noun + "Policy",
          (p, r) ->
              none(() ->
                  entityPolicies.putInlinePolicy(
                      r.caller(),
                      kind,
                      entity(p, kind),
                      p.required("PolicyName"),
                      p.required("PolicyDocument"))));
      operations.put(
          "Get" + noun + "Policy",
          (p, r) -> {
            InlinePolicy policy =
                entityPolicies.getInlinePolicy(
                    r.caller(), kind, entity(p, kind), p.required("PolicyName"));
            return Xml.fragment()
                .element(noun + "Name", entity(p, kind))
                .element("PolicyName", policy.name())
                .element("PolicyDocument", encode(policy.document()));
          });
      operations.put(
          "List" + noun + "Policies",
          (p, r) ->
              page(
                  p,
                  entityPolicies.listInlinePolicies(r.caller(), kind, entity(p, kind)),
                  "PolicyNames",
                  (xml, name) -> xml.element("member", name)));
      operations.put(
          "Delete" + noun + "Policy",
          (p, r) ->
              none(() ->
                  entityPolicies.deleteInlinePolicy(
                      r.caller(), kind, entity(p, kind), p.required("PolicyName"))));
    }
    operations.put("CreatePolicy", this::createPolicy);
    operations.put("GetPolicy", (p, r) -> policyResult(policies.getPolicy(r.caller(), arn(p))));
    operations.put(
        "GetPolicyVersion",
        (p, r) ->
            versionResult(policies.getPolicyVersion(r.caller(), arn(p), p.required("VersionId"))));
    operations.put(
        "CreatePolicyVersion",
        (p, r) ->
            versionResult(
                policies.createPolicyVersion(
                    r.caller(),
                    arn(p),
                    p.required("PolicyDocument"),
                    p.optionalBoolean("SetAsDefault", false))));
    operations.put(
        "ListPolicyVersions",
        (p, r) ->
            page(
                p,
                policies.listPolicyVersions(r.caller(), arn(p)),
                "Versions",
                (xml, v) -> version(xml.open("member"), v).close("member")));
    operations.put(
        "SetDefaultPolicyVersion",
        (p, r) ->
            none(() ->
                policies.setDefaultPolicyVersion(r.caller(), arn(p), p.required("VersionId"))));
    operations.put(
        "DeletePolicyVersion",
        (p, r) ->
            none(() -> policies.deletePolicyVersion(r.caller(), arn(p), p.required("VersionId"))));
    operations.put("ListPolicies", this::listPolicies);
    operations.put("DeletePolicy", (p, r) -> none(() -> policies.deletePolicy(r.caller(), arn(p))));
    operations.put("GetAccountAuthorizationDetails", this::getAccountAuthorizationDetails);
    operations.put(
        "SimulatePrincipalPolicy",
        (p, r) ->
            simulation(
                refuse(p, "SimulatePrincipalPolicy", "CallerArn"),
                simulator.simulatePrincipalPolicy(
                    r.caller(), p.required("PolicySourceArn"), simulationRequest(p))));
    operations.put(
        "SimulateCustomPolicy",
        (p, r) ->
            simulation(
                p,
                simulator.simulateCustomPolicy(
                    r.caller(), p.optional("CallerArn"), simulationRequest(p))));
  }

  /** IAM is global: any signing region is served, and IAM's resources carry no region. */
  @Override
  public boolean global() {
    return true;
  }

  @Override
  protected Map<String, QueryOperation> operations() {
    return operations;
  }

  // ---- users and keys

  private Xml createUser(QueryParameters p, ApiRequest r) {
    User user =
        users.createUser(
            r.caller(), p.optional("Path"), user(p), p.optional("PermissionsBoundary"), tags(p));
    return tags(user(Xml.fragment().open("User"), user), user.tags()).close("User");
  }

  private Xml getUser(QueryParameters p, ApiRequest r) {
    if (!p.has("UserName") && r.caller().principal() instanceof Principal.AccountRoot) {
      Account root = users.getRootUser(r.caller());
      return Xml.fragment()
          .open("User")
          .element("UserId", root.id().value())
          .element("Arn", root.id().rootArn())
          .element("CreateDate", root.created())
          .close("User");
    }
    User user = users.getUser(r.caller(), p.optional("UserName"));
    return tags(user(Xml.fragment().open("User"), user), user.tags()).close("User");
  }

  private Xml listUsers(QueryParameters p, ApiRequest r) {
    return page(
        p,
        users.listUsers(r.caller(), p.optional("PathPrefix")),
        "Users",
        (xml, user) -> user(xml.open("member"), user).close("member"));
  }

  static Xml user(Xml xml, User user) {
    xml.element("Path", user.path())
        .element("UserName", user.name())
        .element("UserId", user.userId())
        .element("Arn", user.arn())
        .element("CreateDate", user.created());
    return boundary(xml, user.permissionsBoundary());
  }

  private Xml createAccessKey(QueryParameters p, ApiRequest r) {
    AccessKey key = users.createAccessKey(r.caller(), p.optional("UserName"));
    return Xml.fragment()
        .open("AccessKey")
        .element("UserName", keyUser(r.caller(), key))
        .element("AccessKeyId", key.accessKeyId())
        .element("Status", key.active() ? "Active" : "Inactive")
        .element("SecretAccessKey", key.secretAccessKey())
        .element("CreateDate", key.created())
        .close("AccessKey");
  }

  private Xml listAccessKeys(QueryParameters p, ApiRequest r) {
    Xml xml =
        page(
            p,
            users.listAccessKeys(r.caller(), p.optional("UserName")),
            "AccessKeyMetadata",
            (out, key) ->
                out.open("member")
                    .element("UserName", keyUser(r.caller(), key))
                    .element("AccessKeyId", key.accessKeyId())
                    .element("Status", key.active() ? "Active" : "Inactive")
                    .element("CreateDate", key.created())
                    .close("member"));
    String userName = p.optional("UserName");
    return userName == null ? xml : xml.element("UserName", userName);
  }

  /** A root user's key names no user; AWS shows the account id in its place. */
  private static String keyUser(Caller caller, AccessKey key) {
    String user = key.userName();
    return user == null ? caller.account().value() : user;
  }

  // ---- roles

  private Xml createRole(QueryParameters p, ApiRequest r) {
    Role role =
        roles.createRole(
            r.caller(),
            new IamRoles.CreateRoleRequest(
                role(p),
                p.optional("Path"),
                p.required("AssumeRolePolicyDocument"),
                p.optional("Description"),
                p.optionalInt("MaxSessionDuration"),
                tags(p),
                p.optional("PermissionsBoundary")));
    return roleResult(role);
  }

  private Xml listRoles(QueryParameters p, ApiRequest r) {
    return page(
        p,
        roles.listRoles(r.caller(), p.optional("PathPrefix")),
        "Roles",
        (xml, role) -> role(xml.open("member"), role).close("member"));
  }

  private static Xml roleResult(Role role) {
    return role(Xml.fragment().open("Role"), role).close("Role");
  }

  static Xml role(Xml xml, Role role) {
    xml.element("Path", role.path())
        .element("RoleName", role.name())
        .element("RoleId", role.roleId())
        .element("Arn", role.arn())
        .element("CreateDate", role.created())
        .element("AssumeRolePolicyDocument", encode(role.trustPolicy()))
        .element("Description", role.description())
        .element("MaxSessionDuration", role.maxSessionDuration());
    boundary(xml, role.permissionsBoundary());
    return tags(xml, role.tags());
  }

  static Xml boundary(Xml xml, @Nullable String arn) {
    if (arn == null) {
      return xml;
    }
    return xml.open("PermissionsBoundary")
        .element("PermissionsBoundaryType", "Policy")
        .element("PermissionsBoundaryArn", arn)
        .close("PermissionsBoundary");
  }

  static Xml tags(Xml xml, Map<String, String> tags) {
    if (tags.isEmpty()) {
      return xml;
    }
    xml.open("Tags");
    tags.forEach((key, value) ->
        xml.open("member").element("Key", key).element("Value", value).close("member"));
    return xml.close("Tags");
  }

  static Map<String, String> tags(QueryParameters p) {
    List<Map.Entry<String, String>> tags = new ArrayList<>();
    for (Map<String, String> tag : p.structures("Tags")) {
      String key = tag.get("Key");
      if (key == null) {
        throw IamErrors.validation("Tag keys must not be empty");
      }
      tags.add(Map.entry(key, tag.getOrDefault("Value", "")));
    }
    return IamTags.fromRequest(tags);
  }

  /** ListRoleTags, ListUserTags …: one page of tags. */
  static Xml tagPage(QueryParameters p, Map<String, String> tags) {
    return page(
        p,
        List.copyOf(tags.entrySet()),
        "Tags",
        (xml, tag) ->
            xml.open("member")
                .element("Key", tag.getKey())
                .element("Value", tag.getValue())
                .close("member"));
  }

  // ---- managed policies

  private Xml createPolicy(QueryParameters p, ApiRequest r) {
    ManagedPolicy policy =
        policies.createPolicy(
            r.caller(),
            p.required("PolicyName"),
            p.optional("Path"),
            p.required("PolicyDocument"),
            p.optional("Description"),
            tags(p));
    return policyResult(policy);
  }

  private Xml listPolicies(QueryParameters p, ApiRequest r) {
    String scope = p.optional("Scope");
    if (scope != null && !List.of("All", "AWS", "Local").contains(scope)) {
      throw IamErrors.constraint(
          "scope", scope, "Member must satisfy enum value set: [All, AWS, Local]");
    }
    String usage = p.optional("PolicyUsageFilter");
    if (usage != null && !List.of("PermissionsPolicy", "PermissionsBoundary").contains(usage)) {
      throw IamErrors.constraint(
          "policyUsageFilter",
          usage,
          "Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
    }
    // Ferry does not count boundary uses apart from attachments, so it cannot filter by them.
    refuse(p, "ListPolicies", "PolicyUsageFilter");
    List<ManagedPolicy> local =
        "AWS".equals(scope)
            ? List.of()
            : policies.listPolicies(
                r.caller(), p.optional("PathPrefix"), p.optionalBoolean("OnlyAttached", false));
    return page(
        p, local, "Policies", (xml, policy) -> policy(xml.open("member"), policy).close("member"));
  }

  private static Xml policyResult(ManagedPolicy policy) {
    return tags(policy(Xml.fragment().open("Policy"), policy), policy.tags()).close("Policy");
  }

  private static Xml policy(Xml xml, ManagedPolicy policy) {
    return xml.element("PolicyName", policy.name())
        .element("PolicyId", policy.policyId())
        .element("Arn", policy.arn())
        .element("Path", policy.path())
        .element("DefaultVersionId", policy.defaultVersionId())
        .element("AttachmentCount", policy.attachmentCount())
        .element("PermissionsBoundaryUsageCount", 0)
        .element("IsAttachable", true)
        .element("Description", policy.description())
        .element("CreateDate", policy.created())
        .element("UpdateDate", policy.updated());
  }

  private static Xml versionResult(PolicyVersion version) {
    return version(Xml.fragment().open("PolicyVersion"), version).close("PolicyVersion");
  }

  private static Xml version(Xml xml, PolicyVersion version) {
    return xml.element("Document", encode(version.document()))
        .element("VersionId", version.versionId())
        .element("IsDefaultVersion", version.isDefault())
        .element("CreateDate", version.created());
  }

  private static void attachedPolicy(Xml xml, AttachedPolicy policy) {
    xml.open("member")
        .element("PolicyName", policy.policyName())
        .element("PolicyArn", policy.policyArn())
        .close("member");
  }

  // ---- the account

  private Xml getAccountAuthorizationDetails(QueryParameters p, ApiRequest r) {
    // Validated, though the whole account is one page: a larger page than asked for, never less.
    maxItems(p);
    IamAccountDetails.AuthorizationDetails details =
        accountDetails.getAccountAuthorizationDetails(r.caller(), p.list("Filter"));
    Xml xml = Xml.fragment().open("UserDetailList");
    for (IamAccountDetails.EntityDetail<User> detail : details.users()) {
      user(xml.open("member"), detail.entity());
      inline(xml, "UserPolicyList", detail.inlinePolicies());
      xml.open("GroupList");
      detail.groups().forEach(group -> xml.element("member", group));
      xml.close("GroupList");
      attached(xml, detail.attachedPolicies()).close("member");
    }
    xml.close("UserDetailList").open("GroupDetailList");
    for (IamAccountDetails.EntityDetail<Group> detail : details.groups()) {
      GroupApi.group(xml.open("member"), detail.entity());
      inline(xml, "GroupPolicyList", detail.inlinePolicies());
      attached(xml, detail.attachedPolicies()).close("member");
    }
    xml.close("GroupDetailList");
    xml.open("RoleDetailList");
    for (IamAccountDetails.EntityDetail<Role> detail : details.roles()) {
      Role role = detail.entity();
      xml.open("member")
          .element("Path", role.path())
          .element("RoleName", role.name())
          .element("RoleId", role.roleId())
          .element("Arn", role.arn())
          .element("CreateDate", role.created())
          .element("AssumeRolePolicyDocument", encode(role.trustPolicy()))
          .open("InstanceProfileList")
          .close("InstanceProfileList");
      inline(xml, "RolePolicyList", detail.inlinePolicies());
      attached(xml, detail.attachedPolicies());
      boundary(xml, role.permissionsBoundary());
      tags(xml, role.tags()).close("member");
    }
    xml.close("RoleDetailList").open("Policies");
    for (IamAccountDetails.PolicyDetail detail : details.policies()) {
      policy(xml.open("member"), detail.policy()).open("PolicyVersionList");
      for (PolicyVersion version : detail.versions()) {
        version(xml.open("member"), version).close("member");
      }
      xml.close("PolicyVersionList").close("member");
    }
    return xml.close("Policies").element("IsTruncated", false);
  }

  static void inline(Xml xml, String element, List<InlinePolicy> policies) {
    xml.open(element);
    for (InlinePolicy policy : policies) {
      xml.open("member")
          .element("PolicyName", policy.name())
          .element("PolicyDocument", encode(policy.document()))
          .close("member");
    }
    xml.close(element);
  }

  static Xml attached(Xml xml, List<AttachedPolicy> policies) {
    xml.open("AttachedManagedPolicies");
    policies.forEach(policy -> attachedPolicy(xml, policy));
    return xml.close("AttachedManagedPolicies");
  }

  // ---- the simulator

  private static PolicySimulator.SimulationRequest simulationRequest(QueryParameters p) {
    // The simulator evaluates identity policies and context only; these would change its answer.
    refuse(
        p,
        p.optional("PolicySourceArn") == null ? "SimulateCustomPolicy" : "SimulatePrincipalPolicy",
        "PermissionsBoundaryPolicyInputList",
        "ResourcePolicy",
        "ResourceOwner",
        "ResourceHandlingOption");
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (int i = 1; p.optional("ContextEntries.member." + i + ".ContextKeyName") != null; i++) {
      String prefix = "ContextEntries.member." + i;
      context.put(p.required(prefix + ".ContextKeyName"), p.list(prefix + ".ContextKeyValues"));
    }
    return new PolicySimulator.SimulationRequest(
        p.list("ActionNames"), p.list("ResourceArns"), p.list("PolicyInputList"), context);
  }

  private static Xml simulation(QueryParameters p, List<PolicySimulator.SimulationResult> results) {
    return page(
        p,
        results,
        "EvaluationResults",
        (xml, result) -> {
          xml.open("member")
              .element("EvalActionName", result.actionName())
              .element("EvalResourceName", result.resourceName())
              .element("EvalDecision", result.decision())
              .open("MatchedStatements");
          for (PolicySimulator.MatchedStatement statement : result.matchedStatements()) {
            xml.open("member")
                .element("SourcePolicyId", statement.sourcePolicyId())
                .element("SourcePolicyType", statement.sourcePolicyType())
                .close("member");
          }
          xml.close("MatchedStatements")
              .open("MissingContextValues")
              .close("MissingContextValues")
              .close("member");
        });
  }

  // ---- parameters and shapes shared by many operations

  /** Refuses a request carrying a member Ferry would otherwise ignore; returns {@code p}. */
  static QueryParameters refuse(QueryParameters p, String operation, String... members) {
    for (String member : members) {
      if (p.has(member)) {
        throw IamErrors.unsupportedParameter(operation, member);
      }
    }
    return p;
  }

  static String user(QueryParameters p) {
    return p.required("UserName");
  }

  private static String role(QueryParameters p) {
    return p.required("RoleName");
  }

  private static String entity(QueryParameters p, EntityKind kind) {
    return p.required(kind.noun() + "Name");
  }

  private static String arn(QueryParameters p) {
    return p.required("PolicyArn");
  }

  static int maxItems(QueryParameters p) {
    Integer maxItems = p.optionalInt("MaxItems");
    int max = maxItems == null ? 100 : maxItems;
    if (max < 1 || max > 1000) {
      throw IamErrors.constraint(
          "maxItems", Integer.toString(max), "Member must have value between 1 and 1000");
    }
    return max;
  }

  /** One page of a list, after {@code Marker}, at most {@code MaxItems} (100) long. */
  static <T> Xml page(QueryParameters p, List<T> items, String element, BiConsumer<Xml, T> writer) {
    int max = maxItems(p);
    int from = Markers.decode(p.optional("Marker"), items.size());
    int to = Math.min(items.size(), from + max);
    Xml xml = Xml.fragment().open(element);
    for (T item : items.subList(from, to)) {
      writer.accept(xml, item);
    }
    xml.close(element).element("IsTruncated", to < items.size());
    if (to < items.size()) {
      xml.element("Marker", Markers.encode(to));
    }
    return xml;
  }

  /** RFC 3986 percent-encoding of a policy document, as IAM returns them. */
  static String encode(String document) {
    return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static @Nullable Xml none(Runnable action) {
    action.run();
    return null;
  }

  static Xml empty(Runnable action) {
    action.run();
    return Xml.fragment();
  }
}
