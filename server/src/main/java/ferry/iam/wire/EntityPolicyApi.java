package ferry.iam.wire;

import static ferry.iam.wire.IamApi.encode;
import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;

import ferry.iam.AttachedPolicy;
import ferry.iam.EntityKind;
import ferry.iam.IamEntityPolicies;
import ferry.iam.InlinePolicy;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryOperation;
import ferry.protocol.query.QueryParameters;

/**
 * The query binding of the policies of users, groups and roles: managed policies attached, inline
 * policies and permissions boundaries, one operation per kind of entity.
 */
final class EntityPolicyApi {
  private final IamEntityPolicies policies;

  EntityPolicyApi(IamEntityPolicies policies) {
    this.policies = policies;
  }

  QueryOperation putPermissionsBoundary(EntityKind kind) {
    return (p, r) ->
        none(() ->
            policies.setPermissionsBoundary(
                r.caller(), kind, entity(p, kind), p.required("PermissionsBoundary")));
  }

  QueryOperation deletePermissionsBoundary(EntityKind kind) {
    return (p, r) ->
        none(() -> policies.setPermissionsBoundary(r.caller(), kind, entity(p, kind), null));
  }

  QueryOperation attachPolicy(EntityKind kind) {
    return (p, r) ->
        none(() ->
            policies.attachPolicy(r.caller(), kind, entity(p, kind), p.required("PolicyArn")));
  }

  QueryOperation detachPolicy(EntityKind kind) {
    return (p, r) ->
        none(() ->
            policies.detachPolicy(r.caller(), kind, entity(p, kind), p.required("PolicyArn")));
  }

  QueryOperation listAttachedPolicies(EntityKind kind) {
    return (p, r) ->
        page(
            p,
            policies.listAttachedPolicies(
                r.caller(), kind, entity(p, kind), p.optional("PathPrefix")),
            "AttachedPolicies",
            EntityPolicyApi::attachedPolicy);
  }

  QueryOperation putInlinePolicy(EntityKind kind) {
    return (p, r) ->
        none(() ->
            policies.putInlinePolicy(
                r.caller(),
                kind,
                entity(p, kind),
                p.required("PolicyName"),
                p.required("PolicyDocument")));
  }

  QueryOperation getInlinePolicy(EntityKind kind) {
    return (p, r) -> {
      InlinePolicy policy =
          policies.getInlinePolicy(r.caller(), kind, entity(p, kind), p.required("PolicyName"));
      return Xml.fragment()
          .element(kind.noun() + "Name", entity(p, kind))
          .element("PolicyName", policy.name())
          .element("PolicyDocument", encode(policy.document()));
    };
  }

  QueryOperation listInlinePolicies(EntityKind kind) {
    return (p, r) ->
        page(
            p,
            policies.listInlinePolicies(r.caller(), kind, entity(p, kind)),
            "PolicyNames",
            (xml, name) -> xml.element("member", name));
  }

  QueryOperation deleteInlinePolicy(EntityKind kind) {
    return (p, r) ->
        none(() ->
            policies.deleteInlinePolicy(
                r.caller(), kind, entity(p, kind), p.required("PolicyName")));
  }

  static void attachedPolicy(Xml xml, AttachedPolicy policy) {
    xml.open("member")
        .element("PolicyName", policy.policyName())
        .element("PolicyArn", policy.policyArn())
        .close("member");
  }

  private static String entity(QueryParameters p, EntityKind kind) {
    return p.required(kind.noun() + "Name");
  }
}
