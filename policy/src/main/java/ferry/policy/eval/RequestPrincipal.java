package ferry.policy.eval;

import ferry.aws.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The principal of a request as the policy engine sees it.
 *
 * @param type what kind of principal it is
 * @param arn the ARN that policies and error messages name (a session's ARN for a role session)
 * @param account the principal's account; null for AWS services and anonymous callers
 * @param roleArn for a role session, the role's ARN with its path; for others null
 * @param name the user name, role name (sessions) or federated user name; null otherwise
 * @param uniqueId the {@code AIDA…} or {@code AROA…} id of the user or role; null otherwise
 * @param userId the value of {@code aws:userid}
 */
public record RequestPrincipal(
    Type type,
    String arn,
    @Nullable String account,
    @Nullable String roleArn,
    @Nullable String name,
    @Nullable String uniqueId,
    String userId) {

  /** The kinds of principal, with their {@code aws:PrincipalType} values. */
  public enum Type {
    ACCOUNT_ROOT("Account"),
    IAM_USER("User"),
    ASSUMED_ROLE("AssumedRole"),
    FEDERATED_USER("FederatedUser"),
    SERVICE("Service"),
    ANONYMOUS("Anonymous");

    private final String principalType;

    Type(String principalType) {
      this.principalType = principalType;
    }

    /** The value of {@code aws:PrincipalType}. */
    public String principalType() {
      return principalType;
    }
  }

  /** The engine's view of a {@link Principal}. */
  public static RequestPrincipal of(Principal principal) {
    return switch (principal) {
      case Principal.AccountRoot root -> accountRoot(root.account().value());
      case Principal.IamUser user ->
          new RequestPrincipal(
              Type.IAM_USER,
              user.arn(),
              user.account().value(),
              null,
              user.name(),
              user.id(),
              user.id());
      case Principal.AssumedRole session ->
          new RequestPrincipal(
              Type.ASSUMED_ROLE,
              session.arn(),
              session.account().value(),
              session.roleArn(),
              session.roleName(),
              session.roleId(),
              session.userId());
      case Principal.ServicePrincipal service -> service(service.service());
      case Principal.Anonymous anonymous -> anonymous();
    };
  }

  public static RequestPrincipal accountRoot(String account) {
    return new RequestPrincipal(
        Type.ACCOUNT_ROOT, "arn:aws:iam::" + account + ":root", account, null, null, null, account);
  }

  /** An IAM user; {@code path} is {@code /} or {@code /a/b/}. */
  public static RequestPrincipal user(String account, String path, String name, String uniqueId) {
    return new RequestPrincipal(
        Type.IAM_USER,
        "arn:aws:iam::" + account + ":user" + path + name,
        account,
        null,
        name,
        uniqueId,
        uniqueId);
  }

  /** A session of a role; the session ARN drops the role's path, the role ARN keeps it. */
  public static RequestPrincipal assumedRole(
      String account, String rolePath, String roleName, String roleId, String session) {
    return new RequestPrincipal(
        Type.ASSUMED_ROLE,
        "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session,
        account,
        "arn:aws:iam::" + account + ":role" + rolePath + roleName,
        roleName,
        roleId,
        roleId + ":" + session);
  }

  /** A GetFederationToken session of the user {@code name}. */
  public static RequestPrincipal federatedUser(String account, String name) {
    return new RequestPrincipal(
        Type.FEDERATED_USER,
        "arn:aws:sts::" + account + ":federated-user/" + name,
        account,
        null,
        name,
        null,
        account + ":" + name);
  }

  public static RequestPrincipal service(String service) {
    return new RequestPrincipal(Type.SERVICE, service, null, null, null, null, service);
  }

  public static RequestPrincipal anonymous() {
    return new RequestPrincipal(Type.ANONYMOUS, "anonymous", null, null, null, null, "anonymous");
  }

  /** The value of {@code aws:PrincipalArn}: the role's ARN for a role session. */
  public @Nullable String principalArn() {
    return switch (type) {
      case ASSUMED_ROLE -> roleArn;
      case SERVICE, ANONYMOUS -> null;
      default -> arn;
    };
  }

  /** The account's root ARN, {@code arn:aws:iam::ID:root}, or null without an account. */
  public @Nullable String accountArn() {
    return account == null ? null : "arn:aws:iam::" + account + ":root";
  }
}
