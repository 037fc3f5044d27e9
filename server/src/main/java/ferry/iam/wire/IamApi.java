package ferry.iam.wire;

import ferry.iam.EntityKind;
import ferry.iam.IamErrors;
import ferry.iam.IamService;
import ferry.iam.IamTags;
import ferry.iam.PolicySimulator;
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
  private final Map<String, QueryOperation> operations = new LinkedHashMap<>();

  public IamApi(IamService iam, PolicySimulator simulator) {
    super("iam", "2010-05-08");
    var users = new UserApi(iam.users());
    var roles = new RoleApi(iam.roles());
    var policies = new ManagedPolicyApi(iam.managedPolicies(), iam.policyEntities());
    var entityPolicies = new EntityPolicyApi(iam.entityPolicies());
    var groups = new GroupApi(iam.groups());
    var instanceProfiles = new InstanceProfileApi(iam.instanceProfiles());
    var accountDetails = new AccountDetailsApi(iam.accountDetails());
    var simulation = new SimulatorApi(simulator);
    operations.put("CreateUser", users::createUser);
    operations.put("GetUser", users::getUser);
    operations.put("ListUsers", users::listUsers);
    operations.put("DeleteUser", users::deleteUser);
    operations.put("CreateAccessKey", users::createAccessKey);
    operations.put("ListAccessKeys", users::listAccessKeys);
    operations.put("UpdateAccessKey", users::updateAccessKey);
    operations.put("DeleteAccessKey", users::deleteAccessKey);
    operations.put("CreateRole", roles::createRole);
    operations.put("GetRole", roles::getRole);
    operations.put("ListRoles", roles::listRoles);
    operations.put("DeleteRole", roles::deleteRole);
    operations.put("UpdateRole", roles::updateRole);
    operations.put("TagRole", roles::tagRole);
    operations.put("UntagRole", roles::untagRole);
    operations.put("ListRoleTags", roles::listRoleTags);
    operations.put("TagUser", users::tagUser);
    operations.put("UntagUser", users::untagUser);
    operations.put("ListUserTags", users::listUserTags);
    operations.put("TagPolicy", policies::tagPolicy);
    operations.put("UntagPolicy", policies::untagPolicy);
    operations.put("ListPolicyTags", policies::listPolicyTags);
    operations.put("UpdateAssumeRolePolicy", roles::updateAssumeRolePolicy);
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
    operations.put("TagInstanceProfile", instanceProfiles::tagInstanceProfile);
    operations.put("UntagInstanceProfile", instanceProfiles::untagInstanceProfile);
    operations.put("ListInstanceProfileTags", instanceProfiles::listInstanceProfileTags);
    for (EntityKind kind : List.of(EntityKind.USER, EntityKind.ROLE)) {
      String noun = kind.noun();
      operations.put(
          "Put" + noun + "PermissionsBoundary", entityPolicies.putPermissionsBoundary(kind));
      operations.put(
          "Delete" + noun + "PermissionsBoundary", entityPolicies.deletePermissionsBoundary(kind));
    }
    for (EntityKind kind : EntityKind.values()) {
      String noun = kind.noun();
      operations.put("Attach" + noun + "Policy", entityPolicies.attachPolicy(kind));
      operations.put("Detach" + noun + "Policy", entityPolicies.detachPolicy(kind));
      operations.put("ListAttached" + noun + "Policies", entityPolicies.listAttachedPolicies(kind));
      operations.put("Put" + noun + "Policy", entityPolicies.putInlinePolicy(kind));
      operations.put("Get" + noun + "Policy", entityPolicies.getInlinePolicy(kind));
      operations.put("List" + noun + "Policies", entityPolicies.listInlinePolicies(kind));
      operations.put("Delete" + noun + "Policy", entityPolicies.deleteInlinePolicy(kind));
    }
    operations.put("CreatePolicy", policies::createPolicy);
    operations.put("GetPolicy", policies::getPolicy);
    operations.put("GetPolicyVersion", policies::getPolicyVersion);
    operations.put("CreatePolicyVersion", policies::createPolicyVersion);
    operations.put("ListPolicyVersions", policies::listPolicyVersions);
    operations.put("SetDefaultPolicyVersion", policies::setDefaultPolicyVersion);
    operations.put("DeletePolicyVersion", policies::deletePolicyVersion);
    operations.put("ListPolicies", policies::listPolicies);
    operations.put("DeletePolicy", policies::deletePolicy);
    operations.put("ListEntitiesForPolicy", policies::listEntitiesForPolicy);
    operations.put(
        "GetAccountAuthorizationDetails", accountDetails::getAccountAuthorizationDetails);
    operations.put("SimulatePrincipalPolicy", simulation::simulatePrincipalPolicy);
    operations.put("SimulateCustomPolicy", simulation::simulateCustomPolicy);
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

  // ---- tags

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
