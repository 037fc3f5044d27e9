package ferry.console.iam;

import ferry.aws.Caller;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.Outcome;
import ferry.console.web.PrettyJson;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import ferry.iam.AccessKey;
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.IamService;
import ferry.iam.ManagedPolicy;
import ferry.iam.Role;
import ferry.iam.User;
import java.util.List;

/**
 * IAM in the console: roles with their trust policy and permissions, users with theirs and their
 * access keys, each read through {@link IamService} as the signed-in caller.
 */
public final class IamPages {
  private final IamService iam;
  private final Denials denials;

  public IamPages(IamService iam, Denials denials) {
    this.iam = iam;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/iam", this::index),
        Route.get("/iam/roles/{name}", this::role),
        Route.get("/iam/users/{name}", this::user));
  }

  public record Index(Outcome<List<Role>> roles, Outcome<List<User>> users) {}

  /** A policy as the page shows it: its name, its ARN for a managed one, and its document. */
  public record ShownPolicy(String name, String arn, Outcome<String> document) {}

  /** A user's or role's permissions: managed policies attached, and inline policies. */
  public record Permissions(
      Outcome<List<ShownPolicy>> attached, Outcome<List<ShownPolicy>> inline) {}

  public record RolePage(Role role, String trustPolicy, Permissions permissions) {}

  public record UserPage(User user, Permissions permissions, Outcome<List<AccessKey>> keys) {}

  private Reply index(ConsoleRequest request) {
    Caller caller = request.caller();
    return Reply.page(
        "iam/index.jte",
        new Index(
            denials.attempt(() -> iam.roles().listRoles(caller, null)),
            denials.attempt(() -> iam.users().listUsers(caller, null))));
  }

  private Reply role(ConsoleRequest request) {
    Caller caller = request.caller();
    Role role = iam.roles().getRole(caller, request.parameter("name"));
    return Reply.page(
        "iam/role.jte",
        new RolePage(
            role,
            PrettyJson.of(role.trustPolicy()),
            permissions(caller, EntityKind.ROLE, role.name())));
  }

  private Reply user(ConsoleRequest request) {
    Caller caller = request.caller();
    User user = iam.users().getUser(caller, request.parameter("name"));
    return Reply.page(
        "iam/user.jte",
        new UserPage(
            user,
            permissions(caller, EntityKind.USER, user.name()),
            denials.attempt(() -> iam.users().listAccessKeys(caller, user.name()))));
  }

  private Permissions permissions(Caller caller, EntityKind kind, String name) {
    var entities = iam.entityPolicies();
    Outcome<List<ShownPolicy>> attached =
        denials.attempt(() ->
            entities.listAttachedPolicies(caller, kind, name).stream()
                .map(policy -> managed(caller, policy))
                .toList());
    Outcome<List<ShownPolicy>> inline =
        denials.attempt(() ->
            entities.listInlinePolicies(caller, kind, name).stream()
                .map(policyName ->
                    new ShownPolicy(
                        policyName,
                        "",
                        denials.attempt(() ->
                            PrettyJson.of(
                                entities
                                    .getInlinePolicy(caller, kind, name, policyName)
                                    .document()))))
                .toList());
    return new Permissions(attached, inline);
  }

  private ShownPolicy managed(Caller caller, AttachedPolicy attached) {
    var policies = iam.managedPolicies();
    return new ShownPolicy(
        attached.policyName(),
        attached.policyArn(),
        denials.attempt(() -> {
          ManagedPolicy policy = policies.getPolicy(caller, attached.policyArn());
          return PrettyJson.of(
              policies
                  .getPolicyVersion(caller, attached.policyArn(), policy.defaultVersionId())
                  .document());
        }));
  }
}
