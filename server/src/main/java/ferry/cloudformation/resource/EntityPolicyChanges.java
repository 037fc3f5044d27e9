package ferry.cloudformation.resource;

import ferry.aws.Caller;
import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.IamService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code Policies} (inline) and {@code ManagedPolicyArns} of a role or user: put and attached
 * at creation, only those that changed at an update, all removed before the entity is deleted.
 */
final class EntityPolicyChanges {
  private EntityPolicyChanges() {}

  /**
   * Puts and attaches a new entity's policies, each undone by {@code made} if a later step fails.
   */
  static void create(
      IamService iam,
      Caller caller,
      EntityKind kind,
      String name,
      Map<String, String> inline,
      List<String> managed,
      PartialCreation made) {
    for (var policy : inline.entrySet()) {
      iam.entityPolicies().putInlinePolicy(caller, kind, name, policy.getKey(), policy.getValue());
      made.made(() -> iam.entityPolicies().deleteInlinePolicy(caller, kind, name, policy.getKey()));
    }
    for (String arn : managed) {
      iam.entityPolicies().attachPolicy(caller, kind, name, arn);
      made.made(() -> iam.entityPolicies().detachPolicy(caller, kind, name, arn));
    }
  }

  /**
   * Detaches and deletes every policy of the entity, as AWS's handlers do before deleting it; a
   * policy already gone is no failure, an entity already gone is thrown by the listing.
   */
  static void removeAll(IamService iam, Caller caller, EntityKind kind, String name) {
    List<AttachedPolicy> attached = iam.entityPolicies().listAttachedPolicies(caller, kind, name);
    List<String> inline = iam.entityPolicies().listInlinePolicies(caller, kind, name);
    for (AttachedPolicy policy : attached) {
      GoneAlready.ignore(
          () -> iam.entityPolicies().detachPolicy(caller, kind, name, policy.policyArn()));
    }
    for (String policy : new ArrayList<>(inline)) {
      GoneAlready.ignore(() -> iam.entityPolicies().deleteInlinePolicy(caller, kind, name, policy));
    }
  }

  static void apply(
      IamService iam,
      Caller caller,
      EntityKind kind,
      String name,
      PropertyValues before,
      PropertyValues wanted) {
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
