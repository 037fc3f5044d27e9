package ferry.iam.wire;

import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;

import ferry.iam.Group;
import ferry.iam.IamGroups;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import org.jspecify.annotations.Nullable;

/**
 * The query binding of IAM's group operations; a group's policies are bound with the users' and
 * roles' in {@link IamApi}.
 */
final class GroupApi {
  private final IamGroups groups;

  GroupApi(IamGroups groups) {
    this.groups = groups;
  }

  Xml createGroup(QueryParameters p, ApiRequest r) {
    Group group = groups.createGroup(r.caller(), p.optional("Path"), name(p));
    TrailElements.group(group);
    return group(Xml.fragment().open("Group"), group).close("Group");
  }

  Xml getGroup(QueryParameters p, ApiRequest r) {
    IamGroups.GroupWithUsers answer = groups.getGroup(r.caller(), name(p));
    Xml xml =
        page(
            p,
            answer.users(),
            "Users",
            (out, user) -> UserApi.user(out.open("member"), user).close("member"));
    return group(xml.open("Group"), answer.group()).close("Group");
  }

  Xml listGroups(QueryParameters p, ApiRequest r) {
    return page(
        p,
        groups.listGroups(r.caller(), p.optional("PathPrefix")),
        "Groups",
        (xml, group) -> group(xml.open("member"), group).close("member"));
  }

  @Nullable Xml updateGroup(QueryParameters p, ApiRequest r) {
    return none(() ->
        groups.updateGroup(r.caller(), name(p), p.optional("NewGroupName"), p.optional("NewPath")));
  }

  @Nullable Xml deleteGroup(QueryParameters p, ApiRequest r) {
    return none(() -> groups.deleteGroup(r.caller(), name(p)));
  }

  @Nullable Xml addUserToGroup(QueryParameters p, ApiRequest r) {
    return none(() -> groups.addUserToGroup(r.caller(), name(p), UserApi.name(p)));
  }

  @Nullable Xml removeUserFromGroup(QueryParameters p, ApiRequest r) {
    return none(() -> groups.removeUserFromGroup(r.caller(), name(p), UserApi.name(p)));
  }

  Xml listGroupsForUser(QueryParameters p, ApiRequest r) {
    return page(
        p,
        groups.listGroupsForUser(r.caller(), UserApi.name(p)),
        "Groups",
        (xml, group) -> group(xml.open("member"), group).close("member"));
  }

  static Xml group(Xml xml, Group group) {
    return xml.element("Path", group.path())
        .element("GroupName", group.name())
        .element("GroupId", group.groupId())
        .element("Arn", group.arn())
        .element("CreateDate", group.created());
  }

  private static String name(QueryParameters p) {
    return p.required("GroupName");
  }
}
