package ferry.iam;

import static ferry.iam.IamEntities.accountOf;

import ferry.aws.Caller;
import ferry.iam.store.EntityPolicyRepository;
import ferry.iam.store.RoleRepository;
import ferry.iam.store.UserRepository;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The policies of users, roles and groups: attached managed policies (Attach, Detach,
 * ListAttached…), inline policies (Put, Get, List, Delete…Policy) and permissions boundaries.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html">Policies</a>
 */
public final class IamEntityPolicies {
  static final int MAX_ATTACHED_POLICIES = 10;

  private final UserRepository users;
  private final RoleRepository roles;
  private final EntityPolicyRepository entityPolicies;
  private final IamEntities entities;
  private final PolicyParser parser;

  IamEntityPolicies(
      UserRepository users,
      RoleRepository roles,
      EntityPolicyRepository entityPolicies,
      IamEntities entities,
      PolicyParser parser) {
    this.users = users;
    this.roles = roles;
    this.entityPolicies = entityPolicies;
    this.entities = entities;
    this.parser = parser;
  }

  public void attachPolicy(Caller caller, EntityKind kind, String entity, String policyArn) {
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("Attach", kind, "Policy"), entityArn);
    ManagedPolicy policy = entities.attachable(caller, policyArn);
    if (!entityPolicies.attach(
        policy.account(), kind, entity, policy.arn(), MAX_ATTACHED_POLICIES)) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for PoliciesPer" + kind.noun() + ": " + MAX_ATTACHED_POLICIES);
    }
  }

  public void detachPolicy(Caller caller, EntityKind kind, String entity, String policyArn) {
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("Detach", kind, "Policy"), entityArn);
    if (!entityPolicies.detach(accountOf(caller), kind, entity, policyArn)) {
      throw IamErrors.noSuchEntity("Policy " + policyArn + " was not found.");
    }
  }

  public List<AttachedPolicy> listAttachedPolicies(Caller caller, EntityKind kind, String entity) {
    return listAttachedPolicies(caller, kind, entity, null);
  }

  /** The managed policies attached to a user or role whose path starts with {@code pathPrefix}. */
  public List<AttachedPolicy> listAttachedPolicies(
      Caller caller, EntityKind kind, String entity, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("ListAttached", kind, "Policies"), entityArn);
    return entityPolicies.attached(accountOf(caller), kind, entity).stream()
        .filter(policy -> policyPath(policy.policyArn()).startsWith(prefix))
        .toList();
  }

  /** The path of a managed policy, from its ARN: {@code arn:aws:iam::1:policy/a/b/name} → /a/b/. */
  private static String policyPath(String arn) {
    String resource = arn.substring(arn.indexOf(":policy/") + ":policy".length());
    return resource.substring(0, resource.lastIndexOf('/') + 1);
  }

  public void putInlinePolicy(
      Caller caller, EntityKind kind, String entity, String policyName, String document) {
    IamNames.policyName(policyName);
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("Put", kind, "Policy"), entityArn);
    try {
      parser.parse(document, PolicyKind.IDENTITY);
    } catch (PolicyValidationException e) {
      if (!e.tooLarge()) {
        throw IamErrors.malformedPolicy(e.awsMessage());
      }
    }
    int limit = kind.maxInlineSize();
    boolean put =
        entityPolicies.putInline(
            accountOf(caller),
            kind,
            entity,
            new InlinePolicy(policyName, document),
            stored -> {
              int total = PolicyParser.size(document);
              for (InlinePolicy other : stored) {
                if (!other.name().equals(policyName)) {
                  total += PolicyParser.size(other.document());
                }
              }
              return total <= limit;
            });
    if (!put) {
      throw IamErrors.limitExceeded(
          "Maximum policy size of " + limit + " bytes exceeded for " + kind.word() + " " + entity);
    }
  }

  public InlinePolicy getInlinePolicy(
      Caller caller, EntityKind kind, String entity, String policyName) {
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("Get", kind, "Policy"), entityArn);
    return entityPolicies
        .inline(accountOf(caller), kind, entity, policyName)
        .orElseThrow(() -> IamErrors.noSuchInlinePolicy(kind, policyName));
  }

  public List<String> listInlinePolicies(Caller caller, EntityKind kind, String entity) {
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("List", kind, "Policies"), entityArn);
    return entityPolicies.inline(accountOf(caller), kind, entity).stream()
        .map(InlinePolicy::name)
        .toList();
  }

  public void deleteInlinePolicy(Caller caller, EntityKind kind, String entity, String policyName) {
    String entityArn = entities.entity(caller, kind, entity);
    entities.require(caller, action("Delete", kind, "Policy"), entityArn);
    if (!entityPolicies.deleteInline(accountOf(caller), kind, entity, policyName)) {
      throw IamErrors.noSuchInlinePolicy(kind, policyName);
    }
  }

  /** Sets or (with a null ARN) removes a role's or user's permissions boundary. */
  public void setPermissionsBoundary(
      Caller caller, EntityKind kind, String name, @Nullable String policyArn) {
    if (kind == EntityKind.GROUP) {
      throw new IllegalArgumentException("groups have no permissions boundary");
    }
    String action =
        (policyArn == null ? "iam:Delete" : "iam:Put") + kind.noun() + "PermissionsBoundary";
    if (kind == EntityKind.ROLE) {
      Role role = entities.role(caller, name);
      entities.require(caller, action, role.arn());
      if (policyArn != null) {
        entities.attachable(caller, policyArn);
      }
      roles.setPermissionsBoundary(role.account(), role.name(), policyArn);
    } else {
      User user = entities.user(caller, name);
      entities.require(caller, action, user.arn());
      if (policyArn != null) {
        entities.attachable(caller, policyArn);
      }
      users.setPermissionsBoundary(user.account(), user.name(), policyArn);
    }
  }

  private static String action(String verb, EntityKind kind, String noun) {
    return "iam:" + verb + kind.noun() + noun;
  }
}
