package ferry.cloudformation;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.Verdict;
import ferry.aws.AccountId;
import ferry.aws.Arn;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.cloudformation.store.StackRepository;
import ferry.sts.StsService;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What every CloudFormation operation shares: finding a stack by name or stack id, authorizing the
 * caller as {@code cloudformation:<Operation>} on the stack's ARN, and choosing who acts on the
 * stack's resources (the caller through CloudFormation, or a session of the stack's role).
 */
final class StackAccess {
  static final String SERVICE_PRINCIPAL = "cloudformation.amazonaws.com";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]*");

  private final StackRepository stacks;
  private final Authorizer authorizer;
  private final StsService sts;

  StackAccess(StackRepository stacks, Authorizer authorizer, StsService sts) {
    this.stacks = stacks;
    this.authorizer = authorizer;
    this.sts = sts;
  }

  StackRepository stacks() {
    return stacks;
  }

  static String newStackId(Caller caller, String name) {
    return "arn:aws:cloudformation:"
        + caller.region().name()
        + ":"
        + caller.account().value()
        + ":stack/"
        + name
        + "/"
        + UUID.randomUUID();
  }

  static void checkName(String name, String member) {
    if (name.length() > 128) {
      throw CloudFormationErrors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have length less than or equal to"
              + " 128");
    }
    if (!NAME.matcher(name).matches()) {
      throw CloudFormationErrors.validation(
          "1 validation error detected: Value '"
              + name
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [a-zA-Z][-a-zA-Z0-9]*");
    }
  }

  /**
   * The stack a request names: by stack id (deleted stacks included, as AWS finds them), or the
   * live stack of that name. Authorizes the caller on it first; a stack that does not exist is
   * authorized on {@code stack/NAME/*} and then reported missing.
   */
  Stack find(Caller caller, String nameOrId, String operation) {
    Optional<Stack> found = lookup(caller, nameOrId);
    authorize(caller, operation, found.map(Stack::stackId).orElse(wildcardArn(caller, nameOrId)));
    return found.orElseThrow(() -> CloudFormationErrors.stackNotFound(nameOrId));
  }

  Optional<Stack> lookup(Caller caller, String nameOrId) {
    if (nameOrId.startsWith("arn:")) {
      return stacks
          .find(nameOrId)
          .filter(s -> s.account().equals(caller.account()) && s.region().equals(caller.region()));
    }
    return stacks.findLive(caller.account(), caller.region(), nameOrId);
  }

  static String wildcardArn(Caller caller, String nameOrId) {
    if (nameOrId.startsWith("arn:")) {
      return nameOrId;
    }
    return "arn:aws:cloudformation:"
        + caller.region().name()
        + ":"
        + caller.account().value()
        + ":stack/"
        + nameOrId
        + "/*";
  }

  void authorize(Caller caller, String operation, String resource) {
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of("cloudformation:" + operation, resource, caller.account()));
    if (!verdict.allowed()) {
      throw CloudFormationErrors.accessDenied(verdict);
    }
  }

  /**
   * Who acts on the stack's resources: with a role, the caller must be allowed {@code iam:PassRole}
   * on it and the role's trust policy must let CloudFormation assume it; without one, the caller
   * itself, CloudFormation acting on its behalf.
   */
  Caller actor(Caller caller, @Nullable String roleArn) {
    if (roleArn == null) {
      return caller.via(SERVICE_PRINCIPAL);
    }
    Arn arn;
    try {
      arn = Arn.parse(roleArn);
    } catch (RuntimeException e) {
      throw CloudFormationErrors.validation("Role " + roleArn + " is invalid or cannot be assumed");
    }
    if (!AccountId.isValid(arn.account()) || !arn.resource().startsWith("role/")) {
      throw CloudFormationErrors.validation("Role " + roleArn + " is invalid or cannot be assumed");
    }
    Verdict verdict =
        authorizer.authorize(
            caller, AccessRequest.of("iam:PassRole", roleArn, AccountId.of(arn.account())));
    if (!verdict.allowed()) {
      throw CloudFormationErrors.accessDenied(verdict);
    }
    try {
      return sts.assumeRoleAsService(
          SERVICE_PRINCIPAL, roleArn, "AWSCloudFormation", caller.region());
    } catch (AwsException e) {
      throw CloudFormationErrors.validation("Role " + roleArn + " is invalid or cannot be assumed");
    }
  }
}
