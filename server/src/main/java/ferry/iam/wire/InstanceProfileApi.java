package ferry.iam.wire;

import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;
import static ferry.iam.wire.IamApi.tagPage;
import static ferry.iam.wire.IamApi.tags;

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
    InstanceProfile profile =
        profiles.createInstanceProfile(r.caller(), p.optional("Path"), name(p), tags(p));
    return profileResult(profile);
  }

  Xml getInstanceProfile(QueryParameters p, ApiRequest r) {
    return profileResult(profiles.getInstanceProfile(r.caller(), name(p)));
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

  @Nullable Xml tagInstanceProfile(QueryParameters p, ApiRequest r) {
    return none(() -> profiles.tagInstanceProfile(r.caller(), name(p), tags(p)));
  }

  @Nullable Xml untagInstanceProfile(QueryParameters p, ApiRequest r) {
    return none(() -> profiles.untagInstanceProfile(r.caller(), name(p), p.list("TagKeys")));
  }

  Xml listInstanceProfileTags(QueryParameters p, ApiRequest r) {
    return tagPage(p, profiles.listInstanceProfileTags(r.caller(), name(p)));
  }

  /** Create and Get answer with the profile's tags; the lists leave them out, as IAM's do. */
  private static Xml profileResult(InstanceProfile profile) {
    return tags(profile(Xml.fragment().open("InstanceProfile"), profile), profile.tags())
        .close("InstanceProfile");
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
