package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A customer managed policy: its document is the default one of its versions.
 *
 * @param policyId the ANPA… unique id
 * @param attachmentCount how many users and roles it is attached to
 */
public record ManagedPolicy(
    AccountId account,
    String path,
    String name,
    String policyId,
    @Nullable String description,
    String defaultVersionId,
    int attachmentCount,
    Instant created,
    Instant updated) {

  public String arn() {
    return arnOf(account, path, name);
  }

  public static String arnOf(AccountId account, String path, String name) {
    return "arn:aws:iam::" + account + ":policy" + path + name;
  }
}
