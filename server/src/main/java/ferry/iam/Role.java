package ferry.iam;

import ferry.aws.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An IAM role: its trust policy (who may assume it), the longest session it grants, and its tags.
 *
 * @param roleId the AROA… unique id
 * @param maxSessionDuration seconds, 3600 to 43200
 * @param permissionsBoundary the ARN of the managed policy that caps its permissions, if any
 */
public record Role(
    AccountId account,
    String path,
    String name,
    String roleId,
    String trustPolicy,
    @Nullable String description,
    int maxSessionDuration,
    @Nullable String permissionsBoundary,
    Map<String, String> tags,
    Instant created) {

  public Role {
    // Tags keep the order they were given in, as IAM lists them.
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  public String arn() {
    return "arn:aws:iam::" + account + ":role" + path + name;
  }
}
