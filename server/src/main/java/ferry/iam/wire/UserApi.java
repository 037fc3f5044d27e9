package ferry.iam.wire;

import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;
import static ferry.iam.wire.IamApi.tagPage;
import static ferry.iam.wire.IamApi.tags;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.AccessKey;
import ferry.iam.Account;
import ferry.iam.IamUsers;
import ferry.iam.User;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import org.jspecify.annotations.Nullable;

/** The query binding of IAM's user, access-key and user-tag operations. */
final class UserApi {
  private final IamUsers users;

  UserApi(IamUsers users) {
    this.users = users;
  }

  Xml createUser(QueryParameters p, ApiRequest r) {
    User user =
        users.createUser(
            r.caller(), p.optional("Path"), name(p), p.optional("PermissionsBoundary"), tags(p));
    TrailElements.user(user);
    return tags(user(Xml.fragment().open("User"), user), user.tags()).close("User");
  }

  Xml getUser(QueryParameters p, ApiRequest r) {
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

  Xml listUsers(QueryParameters p, ApiRequest r) {
    return page(
        p,
        users.listUsers(r.caller(), p.optional("PathPrefix")),
        "Users",
        (xml, user) -> user(xml.open("member"), user).close("member"));
  }

  @Nullable Xml deleteUser(QueryParameters p, ApiRequest r) {
    return none(() -> users.deleteUser(r.caller(), name(p)));
  }

  @Nullable Xml tagUser(QueryParameters p, ApiRequest r) {
    return none(() -> users.tagUser(r.caller(), name(p), tags(p)));
  }

  @Nullable Xml untagUser(QueryParameters p, ApiRequest r) {
    return none(() -> users.untagUser(r.caller(), name(p), p.list("TagKeys")));
  }

  Xml listUserTags(QueryParameters p, ApiRequest r) {
    return tagPage(p, users.listUserTags(r.caller(), name(p)));
  }

  Xml createAccessKey(QueryParameters p, ApiRequest r) {
    AccessKey key = users.createAccessKey(r.caller(), p.optional("UserName"));
    TrailElements.accessKey(key, keyUser(r.caller(), key));
    return Xml.fragment()
        .open("AccessKey")
        .element("UserName", keyUser(r.caller(), key))
        .element("AccessKeyId", key.accessKeyId())
        .element("Status", key.active() ? "Active" : "Inactive")
        .element("SecretAccessKey", key.secretAccessKey())
        .element("CreateDate", key.created())
        .close("AccessKey");
  }

  Xml listAccessKeys(QueryParameters p, ApiRequest r) {
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

  @Nullable Xml updateAccessKey(QueryParameters p, ApiRequest r) {
    return none(() ->
        users.updateAccessKey(
            r.caller(), p.optional("UserName"), p.required("AccessKeyId"), p.required("Status")));
  }

  @Nullable Xml deleteAccessKey(QueryParameters p, ApiRequest r) {
    return none(
        () -> users.deleteAccessKey(r.caller(), p.optional("UserName"), p.required("AccessKeyId")));
  }

  /** A root user's key names no user; AWS shows the account id in its place. */
  private static String keyUser(Caller caller, AccessKey key) {
    String user = key.userName();
    return user == null ? caller.account().value() : user;
  }

  static Xml user(Xml xml, User user) {
    xml.element("Path", user.path())
        .element("UserName", user.name())
        .element("UserId", user.userId())
        .element("Arn", user.arn())
        .element("CreateDate", user.created());
    return IamApi.boundary(xml, user.permissionsBoundary());
  }

  static String name(QueryParameters p) {
    return p.required("UserName");
  }
}
