package ferry.cloudtrail;

import ferry.aws.Principal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One allowed authorization of a call that was not denied: what policy generation learns a
 * principal needs.
 *
 * @param principalArn the user, the role whose session made the call, or the account root
 * @param eventId the event of the call in the principal's account
 * @param invokedBy the service that made the call with the principal's credentials, if any
 */
public record ActionUse(
    String accountId,
    String principalArn,
    String eventId,
    Instant time,
    String action,
    String resource,
    @Nullable String invokedBy) {

  /** The ARN a policy is generated for: a role for each of its sessions; null for no IAM entity. */
  public static @Nullable String entityArn(Principal principal) {
    return switch (principal) {
      case Principal.AssumedRole role -> role.roleArn();
      case Principal.IamUser user -> user.arn();
      case Principal.AccountRoot root -> root.arn();
      case Principal.ServicePrincipal service -> null;
      case Principal.Anonymous anonymous -> null;
    };
  }
}
