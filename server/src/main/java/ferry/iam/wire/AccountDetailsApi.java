package ferry.iam.wire;

import static ferry.iam.wire.IamApi.boundary;
import static ferry.iam.wire.IamApi.encode;
import static ferry.iam.wire.IamApi.tags;

import ferry.iam.AttachedPolicy;
import ferry.iam.Group;
import ferry.iam.IamAccountDetails;
import ferry.iam.InlinePolicy;
import ferry.iam.InstanceProfile;
import ferry.iam.PolicyVersion;
import ferry.iam.Role;
import ferry.iam.User;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import java.util.List;

/** The query binding of GetAccountAuthorizationDetails. */
final class AccountDetailsApi {
  private final IamAccountDetails accountDetails;

  AccountDetailsApi(IamAccountDetails accountDetails) {
    this.accountDetails = accountDetails;
  }

  Xml getAccountAuthorizationDetails(QueryParameters p, ApiRequest r) {
    // Validated, though the whole account is one page: a larger page than asked for, never less.
    IamApi.maxItems(p);
    IamAccountDetails.AuthorizationDetails details =
        accountDetails.getAccountAuthorizationDetails(r.caller(), p.list("Filter"));
    Xml xml = Xml.fragment().open("UserDetailList");
    for (IamAccountDetails.EntityDetail<User> detail : details.users()) {
      UserApi.user(xml.open("member"), detail.entity());
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
          .open("InstanceProfileList");
      for (InstanceProfile profile : detail.instanceProfiles()) {
        InstanceProfileApi.profile(xml.open("member"), profile).close("member");
      }
      xml.close("InstanceProfileList");
      inline(xml, "RolePolicyList", detail.inlinePolicies());
      attached(xml, detail.attachedPolicies());
      boundary(xml, role.permissionsBoundary());
      tags(xml, role.tags()).close("member");
    }
    xml.close("RoleDetailList").open("Policies");
    for (IamAccountDetails.PolicyDetail detail : details.policies()) {
      ManagedPolicyApi.policy(xml.open("member"), detail.policy()).open("PolicyVersionList");
      for (PolicyVersion version : detail.versions()) {
        ManagedPolicyApi.version(xml.open("member"), version).close("member");
      }
      xml.close("PolicyVersionList").close("member");
    }
    return xml.close("Policies").element("IsTruncated", false);
  }

  private static void inline(Xml xml, String element, List<InlinePolicy> policies) {
    xml.open(element);
    for (InlinePolicy policy : policies) {
      xml.open("member")
          .element("PolicyName", policy.name())
          .element("PolicyDocument", encode(policy.document()))
          .close("member");
    }
    xml.close(element);
  }

  private static Xml attached(Xml xml, List<AttachedPolicy> policies) {
    xml.open("AttachedManagedPolicies");
    policies.forEach(policy -> EntityPolicyApi.attachedPolicy(xml, policy));
    return xml.close("AttachedManagedPolicies");
  }
}
