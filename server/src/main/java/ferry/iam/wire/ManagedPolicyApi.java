package ferry.iam.wire;

import static ferry.iam.wire.IamApi.encode;
import static ferry.iam.wire.IamApi.none;
import static ferry.iam.wire.IamApi.page;
import static ferry.iam.wire.IamApi.refuse;
import static ferry.iam.wire.IamApi.tagPage;
import static ferry.iam.wire.IamApi.tags;

import ferry.iam.EntityKind;
import ferry.iam.IamErrors;
import ferry.iam.IamManagedPolicies;
import ferry.iam.IamPolicyEntities;
import ferry.iam.ManagedPolicy;
import ferry.iam.PolicyVersion;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The query binding of IAM's managed policy, policy version and policy-tag operations. */
final class ManagedPolicyApi {
  private final IamManagedPolicies policies;
  private final IamPolicyEntities policyEntities;

  ManagedPolicyApi(IamManagedPolicies policies, IamPolicyEntities policyEntities) {
    this.policies = policies;
    this.policyEntities = policyEntities;
  }

  Xml createPolicy(QueryParameters p, ApiRequest r) {
    ManagedPolicy policy =
        policies.createPolicy(
            r.caller(),
            p.required("PolicyName"),
            p.optional("Path"),
            p.required("PolicyDocument"),
            p.optional("Description"),
            tags(p));
    TrailElements.policy(policy);
    return policyResult(policy);
  }

  Xml getPolicy(QueryParameters p, ApiRequest r) {
    return policyResult(policies.getPolicy(r.caller(), arn(p)));
  }

  Xml listPolicies(QueryParameters p, ApiRequest r) {
    String scope = p.optional("Scope");
    if (scope != null && !List.of("All", "AWS", "Local").contains(scope)) {
      throw IamErrors.constraint(
          "scope", scope, "Member must satisfy enum value set: [All, AWS, Local]");
    }
    String usage = p.optional("PolicyUsageFilter");
    if (usage != null && !List.of("PermissionsPolicy", "PermissionsBoundary").contains(usage)) {
      throw IamErrors.constraint(
          "policyUsageFilter",
          usage,
          "Member must satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]");
    }
    // Ferry does not count boundary uses apart from attachments, so it cannot filter by them.
    refuse(p, "ListPolicies", "PolicyUsageFilter");
    List<ManagedPolicy> local =
        "AWS".equals(scope)
            ? List.of()
            : policies.listPolicies(
                r.caller(), p.optional("PathPrefix"), p.optionalBoolean("OnlyAttached", false));
    return page(
        p, local, "Policies", (xml, policy) -> policy(xml.open("member"), policy).close("member"));
  }

  /** One page of groups, users and roles, paged together, each kind in its own list. */
  Xml listEntitiesForPolicy(QueryParameters p, ApiRequest r) {
    List<IamPolicyEntities.PolicyEntity> found =
        policyEntities.listEntitiesForPolicy(
            r.caller(),
            arn(p),
            new IamPolicyEntities.Filter(
                p.optional("EntityFilter"),
                p.optional("PathPrefix"),
                p.optional("PolicyUsageFilter")));
    int max = IamApi.maxItems(p);
    int from = Markers.decode(p.optional("Marker"), found.size());
    int to = Math.min(found.size(), from + max);
    List<IamPolicyEntities.PolicyEntity> page = found.subList(from, to);
    Xml xml = Xml.fragment();
    for (EntityKind kind : List.of(EntityKind.GROUP, EntityKind.USER, EntityKind.ROLE)) {
      String noun = kind.noun();
      xml.open("Policy" + noun + "s");
      for (IamPolicyEntities.PolicyEntity entity : page) {
        if (entity.kind() == kind) {
          xml.open("member")
              .element(noun + "Name", entity.name())
              .element(noun + "Id", entity.id())
              .close("member");
        }
      }
      xml.close("Policy" + noun + "s");
    }
    xml.element("IsTruncated", to < found.size());
    return to < found.size() ? xml.element("Marker", Markers.encode(to)) : xml;
  }

  @Nullable Xml deletePolicy(QueryParameters p, ApiRequest r) {
    return none(() -> policies.deletePolicy(r.caller(), arn(p)));
  }

  Xml createPolicyVersion(QueryParameters p, ApiRequest r) {
    return versionResult(
        policies.createPolicyVersion(
            r.caller(),
            arn(p),
            p.required("PolicyDocument"),
            p.optionalBoolean("SetAsDefault", false)));
  }

  Xml getPolicyVersion(QueryParameters p, ApiRequest r) {
    return versionResult(policies.getPolicyVersion(r.caller(), arn(p), p.required("VersionId")));
  }

  Xml listPolicyVersions(QueryParameters p, ApiRequest r) {
    return page(
        p,
        policies.listPolicyVersions(r.caller(), arn(p)),
        "Versions",
        (xml, v) -> version(xml.open("member"), v).close("member"));
  }

  @Nullable Xml setDefaultPolicyVersion(QueryParameters p, ApiRequest r) {
    return none(
        () -> policies.setDefaultPolicyVersion(r.caller(), arn(p), p.required("VersionId")));
  }

  @Nullable Xml deletePolicyVersion(QueryParameters p, ApiRequest r) {
    return none(() -> policies.deletePolicyVersion(r.caller(), arn(p), p.required("VersionId")));
  }

  @Nullable Xml tagPolicy(QueryParameters p, ApiRequest r) {
    return none(() -> policies.tagPolicy(r.caller(), arn(p), tags(p)));
  }

  @Nullable Xml untagPolicy(QueryParameters p, ApiRequest r) {
    return none(() -> policies.untagPolicy(r.caller(), arn(p), p.list("TagKeys")));
  }

  Xml listPolicyTags(QueryParameters p, ApiRequest r) {
    return tagPage(p, policies.listPolicyTags(r.caller(), arn(p)));
  }

  private static Xml policyResult(ManagedPolicy policy) {
    return tags(policy(Xml.fragment().open("Policy"), policy), policy.tags()).close("Policy");
  }

  static Xml policy(Xml xml, ManagedPolicy policy) {
    return xml.element("PolicyName", policy.name())
        .element("PolicyId", policy.policyId())
        .element("Arn", policy.arn())
        .element("Path", policy.path())
        .element("DefaultVersionId", policy.defaultVersionId())
        .element("AttachmentCount", policy.attachmentCount())
        .element("PermissionsBoundaryUsageCount", policy.boundaryUsageCount())
        .element("IsAttachable", true)
        .element("Description", policy.description())
        .element("CreateDate", policy.created())
        .element("UpdateDate", policy.updated());
  }

  private static Xml versionResult(PolicyVersion version) {
    return version(Xml.fragment().open("PolicyVersion"), version).close("PolicyVersion");
  }

  static Xml version(Xml xml, PolicyVersion version) {
    return xml.element("Document", encode(version.document()))
        .element("VersionId", version.versionId())
        .element("IsDefaultVersion", version.isDefault())
        .element("CreateDate", version.created());
  }

  private static String arn(QueryParameters p) {
    return p.required("PolicyArn");
  }
}
