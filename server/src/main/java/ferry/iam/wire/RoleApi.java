package ferry.iam.wire;

import static ferry.iam.wire.IamApi.empty;
import static ferry.iam.wire.IamApi.encode;
import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;
import static ferry.iam.wire.IamApi.tagPage;
import static ferry.iam.wire.IamApi.tags;

import ferry.iam.IamRoles;
import ferry.iam.Role;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import org.jspecify.annotations.Nullable;

/** The query binding of IAM's role, trust-policy and role-tag operations. */
final class RoleApi {
  private final IamRoles roles;

  RoleApi(IamRoles roles) {
    this.roles = roles;
  }

  Xml createRole(QueryParameters p, ApiRequest r) {
    Role role =
        roles.createRole(
            r.caller(),
            new IamRoles.CreateRoleRequest(
                name(p),
                p.optional("Path"),
                p.required("AssumeRolePolicyDocument"),
                p.optional("Description"),
                p.optionalInt("MaxSessionDuration"),
                tags(p),
                p.optional("PermissionsBoundary")));
    TrailElements.role(role);
    return roleResult(role);
  }

  Xml getRole(QueryParameters p, ApiRequest r) {
    return roleResult(roles.getRole(r.caller(), name(p)));
  }

  Xml listRoles(QueryParameters p, ApiRequest r) {
    return page(
        p,
        roles.listRoles(r.caller(), p.optional("PathPrefix")),
        "Roles",
        (xml, role) -> role(xml.open("member"), role).close("member"));
  }

  @Nullable Xml deleteRole(QueryParameters p, ApiRequest r) {
    return none(() -> roles.deleteRole(r.caller(), name(p)));
  }

  Xml updateRole(QueryParameters p, ApiRequest r) {
    return empty(() ->
        roles.updateRole(
            r.caller(), name(p), p.optional("Description"), p.optionalInt("MaxSessionDuration")));
  }

  @Nullable Xml updateAssumeRolePolicy(QueryParameters p, ApiRequest r) {
    return none(
        () -> roles.updateAssumeRolePolicy(r.caller(), name(p), p.required("PolicyDocument")));
  }

  @Nullable Xml tagRole(QueryParameters p, ApiRequest r) {
    return none(() -> roles.tagRole(r.caller(), name(p), tags(p)));
  }

  @Nullable Xml untagRole(QueryParameters p, ApiRequest r) {
    return none(() -> roles.untagRole(r.caller(), name(p), p.list("TagKeys")));
  }

  Xml listRoleTags(QueryParameters p, ApiRequest r) {
    return tagPage(p, roles.listRoleTags(r.caller(), name(p)));
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
    IamApi.boundary(xml, role.permissionsBoundary());
    return tags(xml, role.tags());
  }

  private static String name(QueryParameters p) {
    return p.required("RoleName");
  }
}
