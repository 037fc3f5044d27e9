package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A customer managed policy: its document is the default one of its versions.
 *
 * @param policyId the ANPA… unique id
 * @param attachmentCount how many users, roles and groups it is attached to
 * @param boundaryUsageCount how many users and roles it is the permissions boundary of
 * @param tags its tags, in the order they were given
 */
public record ManagedPolicy(
    AccountId account,
    String path,
    String name,
    String policyId,
    @Nullable String description,
    String defaultVersionId,
    int attachmentCount,
    int boundaryUsageCount,
    Instant created,
    Instant updated,
    Map<String, String> tags) {

  public ManagedPolicy {
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** A policy without tags. */
  public ManagedPolicy(
      AccountId account,
      String path,
      String name,
      String policyId,
      @Nullable String description,
      String defaultVersionId,
      int attachmentCount,
      int boundaryUsageCount,
      Instant created,
      Instant updated) {
    this(
        account,
        path,
        name,
        policyId,
        description,
        defaultVersionId,
        attachmentCount,
        boundaryUsageCount,
        created,
        updated,
        Map.of());
  }

  public ManagedPolicy withTags(Map<String, String> other) {
    return new ManagedPolicy(
        account,
        path,
        name,
        policyId,
        description,
        defaultVersionId,
        attachmentCount,
        boundaryUsageCount,
        created,
        updated,
        other);
  }

  public String arn() {
    return arnOf(account, path, name);
  }

  public static String arnOf(AccountId account, String path, String name) {
    return "arn:aws:iam::" + account + ":policy" + path + name;
  }
}
