package ferry.iam.wire;

import ferry.authz.ResponseElements;
import ferry.iam.AccessKey;
import ferry.iam.Group;
import ferry.iam.ManagedPolicy;
import ferry.iam.Role;
import ferry.iam.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What CloudTrail logs as the responseElements of IAM's create calls: the entity made, as AWS's
 * records show it (camelCase, dates as {@code Jan 2, 2026, 3:04:05 PM}). Never a secret: an access
 * key is shown without its secret access key, as in AWS.
 */
final class TrailElements {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

  private TrailElements() {}

  static void user(User user) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("path", user.path());
    shown.put("userName", user.name());
    shown.put("userId", user.userId());
    shown.put("arn", user.arn());
    shown.put("createDate", date(user.created()));
    ResponseElements.note(Map.of("user", shown));
  }

  static void role(Role role) {
    Map<String, Object> shown = new LinkedHashMap<>();
    // AWS's record carries the trust policy URL-encoded, as IAM's XML answer does.
    shown.put(
        "assumeRolePolicyDocument", URLEncoder.encode(role.trustPolicy(), StandardCharsets.UTF_8));
    shown.put("arn", role.arn());
    shown.put("roleId", role.roleId());
    shown.put("createDate", date(role.created()));
    shown.put("roleName", role.name());
    shown.put("path", role.path());
    ResponseElements.note(Map.of("role", shown));
  }

  static void group(Group group) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("path", group.path());
    shown.put("groupName", group.name());
    shown.put("groupId", group.groupId());
    shown.put("arn", group.arn());
    shown.put("createDate", date(group.created()));
    ResponseElements.note(Map.of("group", shown));
  }

  static void accessKey(AccessKey key, String userName) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("accessKeyId", key.accessKeyId());
    shown.put("status", key.active() ? "Active" : "Inactive");
    shown.put("userName", userName);
    shown.put("createDate", date(key.created()));
    ResponseElements.note(Map.of("accessKey", shown));
  }

  static void policy(ManagedPolicy policy) {
    Map<String, Object> shown = new LinkedHashMap<>();
    shown.put("policyName", policy.name());
    shown.put("policyId", policy.policyId());
    shown.put("arn", policy.arn());
    shown.put("path", policy.path());
    shown.put("defaultVersionId", policy.defaultVersionId());
    shown.put("attachmentCount", policy.attachmentCount());
    shown.put("permissionsBoundaryUsageCount", policy.boundaryUsageCount());
    shown.put("isAttachable", true);
    shown.put("createDate", date(policy.created()));
    shown.put("updateDate", date(policy.updated()));
    ResponseElements.note(Map.of("policy", shown));
  }

  private static String date(Instant time) {
    return DATE.format(time);
  }
}
