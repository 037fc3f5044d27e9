package ferry.cloudformation.resource;

import ferry.aws.Caller;
import ferry.iam.EntityKind;
import ferry.iam.IamService;
import java.util.List;
import java.util.Map;

/**
 * An update of the {@code Policies} (inline) and {@code ManagedPolicyArns} of a role or user: only
 * the policies that changed are put, deleted, attached or detached.
 */
final class EntityPolicyChanges {
  private EntityPolicyChanges() {}

  static void apply(
      IamService iam,
      Caller caller,
      EntityKind kind,
      String name,
      SchemaValues before,
      SchemaValues wanted) {
    Map<String, String> oldInline = before.inlinePolicies();
    Map<String, String> newInline = wanted.inlinePolicies();
    for (var policy : newInline.entrySet()) {
      if (!policy.getValue().equals(oldInline.get(policy.getKey()))) {
        iam.entityPolicies()
            .putInlinePolicy(caller, kind, name, policy.getKey(), policy.getValue());
      }
    }
    for (String policy : oldInline.keySet()) {
      if (!newInline.containsKey(policy)) {
        GoneAlready.ignore(
            () -> iam.entityPolicies().deleteInlinePolicy(caller, kind, name, policy));
      }
    }
    List<String> oldManaged = before.strings("ManagedPolicyArns");
    List<String> newManaged = wanted.strings("ManagedPolicyArns");
    for (String arn : oldManaged) {
      if (!newManaged.contains(arn)) {
        GoneAlready.ignore(() -> iam.entityPolicies().detachPolicy(caller, kind, name, arn));
      }
    }
    for (String arn : newManaged) {
      if (!oldManaged.contains(arn)) {
        iam.entityPolicies().attachPolicy(caller, kind, name, arn);
      }
    }
  }
}
