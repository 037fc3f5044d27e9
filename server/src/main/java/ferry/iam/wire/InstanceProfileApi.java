package ferry.iam.wire;

import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;

import ferry.iam.IamInstanceProfiles;
import ferry.iam.InstanceProfile;
import ferry.iam.Role;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import org.jspecify.annotations.Nullable;

/** The query binding of IAM's instance profile operations. */
final class InstanceProfileApi {
  private final IamInstanceProfiles profiles;

  InstanceProfileApi(IamInstanceProfiles profiles) {
    this.profiles = profiles;
  }

  Xml createInstanceProfile(QueryParameters p, ApiRequest r) {
    IamApi.refuse(p, "CreateInstanceProfile", "Tags");
    InstanceProfile profile =
        profiles.createInstanceProfile(r.caller(), p.optional("Path"), name(p));
    return profile(Xml.fragment().open("InstanceProfile"), profile).close("InstanceProfile");
  }

  Xml getInstanceProfile(QueryParameters p, ApiRequest r) {
    InstanceProfile profile = profiles.getInstanceProfile(r.caller(), name(p));
    return profile(Xml.fragment().open("InstanceProfile"), profile).close("InstanceProfile");
  }

  Xml listInstanceProfiles(QueryParameters p, ApiRequest r) {
    return page(
        p,
        profiles.listInstanceProfiles(r.caller(), p.optional("PathPrefix")),
        "InstanceProfiles",
        (xml, profile) -> profile(xml.open("member"), profile).close("member"));
  }

  Xml listInstanceProfilesForRole(QueryParameters p, ApiRequest r) {
    return page(
        p,
        profiles.listInstanceProfilesForRole(r.caller(), p.required("RoleName")),
        "InstanceProfiles",
        (xml, profile) -> profile(xml.open("member"), profile).close("member"));
  }

  @Nullable Xml deleteInstanceProfile(QueryParameters p, ApiRequest r) {
    return none(() -> profiles.deleteInstanceProfile(r.caller(), name(p)));
  }

  @Nullable Xml addRoleToInstanceProfile(QueryParameters p, ApiRequest r) {
    return none(
        () -> profiles.addRoleToInstanceProfile(r.caller(), name(p), p.required("RoleName")));
  }

  @Nullable Xml removeRoleFromInstanceProfile(QueryParameters p, ApiRequest r) {
    return none(
        () -> profiles.removeRoleFromInstanceProfile(r.caller(), name(p), p.required("RoleName")));
  }

  static Xml profile(Xml xml, InstanceProfile profile) {
    xml.element("Path", profile.path())
        .element("InstanceProfileName", profile.name())
        .element("InstanceProfileId", profile.instanceProfileId())
        .element("Arn", profile.arn())
        .element("CreateDate", profile.created())
        .open("Roles");
    for (Role role : profile.roles()) {
      RoleApi.role(xml.open("member"), role).close("member");
    }
    return xml.close("Roles");
  }

  private static String name(QueryParameters p) {
    return p.required("InstanceProfileName");
  }
}
