package ferry.iam;

import static ferry.iam.IamEntities.accountOf;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.iam.store.PolicyRepository;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Customer managed policies and their versions: CreatePolicy, GetPolicy, ListPolicies,
 * DeletePolicy, TagPolicy, UntagPolicy, ListPolicyTags, CreatePolicyVersion, GetPolicyVersion,
 * ListPolicyVersions, SetDefaultPolicyVersion, DeletePolicyVersion.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html">Managed
 *     policies</a>
 */
public final class IamManagedPolicies {
  static final int MAX_POLICY_VERSIONS = 5;

  private final PolicyRepository policies;
  private final IamEntities entities;
  private final PolicyParser parser;
  private final Clock clock;

  IamManagedPolicies(
      PolicyRepository policies, IamEntities entities, PolicyParser parser, Clock clock) {
    this.policies = policies;
    this.entities = entities;
    this.parser = parser;
    this.clock = clock;
  }

  public ManagedPolicy createPolicy(
      Caller caller,
      String name,
      @Nullable String path,
      String document,
      @Nullable String description) {
    return createPolicy(caller, name, path, document, description, Map.of());
  }

  /** CreatePolicy with tags, which need iam:TagPolicy besides iam:CreatePolicy. */
  public ManagedPolicy createPolicy(
      Caller caller,
      String name,
      @Nullable String path,
      String document,
      @Nullable String description,
      Map<String, String> tags) {
    IamNames.policyName(name);
    String policyPath = IamNames.path(path);
    IamNames.description(description);
    IamTags.validate(tags, "Policy");
    AccountId account = accountOf(caller);
    String arn = ManagedPolicy.arnOf(account, policyPath, name);
    entities.require(caller, "iam:CreatePolicy", arn);
    if (!tags.isEmpty()) {
      entities.require(caller, "iam:TagPolicy", arn);
    }
    validateManaged(document);
    Instant now = clock.instant();
    var policy =
        new ManagedPolicy(
            account,
            policyPath,
            name,
            AccessKeys.newUniqueId("ANPA"),
            description,
            "v1",
            0,
            0,
            now,
            now,
            tags);
    if (!policies.insert(policy, document)) {
      throw IamErrors.alreadyExists(
          "A policy called " + name + " already exists. Duplicate names are not allowed.");
    }
    return policy;
  }

  public ManagedPolicy getPolicy(Caller caller, String arn) {
    ManagedPolicy policy = entities.policy(caller, arn);
    entities.require(caller, "iam:GetPolicy", arn);
    return policy;
  }

  public PolicyVersion getPolicyVersion(Caller caller, String arn, String versionId) {
    entities.policy(caller, arn);
    entities.require(caller, "iam:GetPolicyVersion", arn);
    return policies
        .version(arn, versionId)
        .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
  }

  public PolicyVersion createPolicyVersion(
      Caller caller, String arn, String document, boolean setAsDefault) {
    entities.policy(caller, arn);
    entities.require(caller, "iam:CreatePolicyVersion", arn);
    validateManaged(document);
    return policies
        .addVersion(arn, document, setAsDefault, MAX_POLICY_VERSIONS, clock.instant())
        .orElseThrow(() ->
            IamErrors.limitExceeded(
                "A managed policy can have up to "
                    + MAX_POLICY_VERSIONS
                    + " versions. Before you create a new version, you must delete an existing"
                    + " version."));
  }

  public List<PolicyVersion> listPolicyVersions(Caller caller, String arn) {
    entities.policy(caller, arn);
    entities.require(caller, "iam:ListPolicyVersions", arn);
    return policies.versions(arn);
  }

  public void setDefaultPolicyVersion(Caller caller, String arn, String versionId) {
    entities.policy(caller, arn);
    entities.require(caller, "iam:SetDefaultPolicyVersion", arn);
    policies
        .version(arn, versionId)
        .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
    policies.setDefaultVersion(arn, versionId, clock.instant());
  }

  public void deletePolicyVersion(Caller caller, String arn, String versionId) {
    entities.policy(caller, arn);
    entities.require(caller, "iam:DeletePolicyVersion", arn);
    PolicyVersion version =
        policies
            .version(arn, versionId)
            .orElseThrow(() -> IamErrors.noSuchPolicyVersion(arn, versionId));
    if (version.isDefault()) {
      throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
    }
    policies.deleteVersion(arn, versionId);
  }

  /** ListPolicies with Scope=Local (Ferry has no AWS managed policies). */
  public List<ManagedPolicy> listPolicies(
      Caller caller, @Nullable String pathPrefix, boolean onlyAttached) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    entities.require(
        caller, "iam:ListPolicies", "arn:aws:iam::" + account + ":policy" + prefix + "*");
    return policies.list(account, prefix, onlyAttached);
  }

  public void deletePolicy(Caller caller, String arn) {
    ManagedPolicy policy = entities.policy(caller, arn);
    entities.require(caller, "iam:DeletePolicy", arn);
    if (policy.attachmentCount() > 0) {
      throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
    }
    if (policies.versions(arn).size() > 1) {
      throw IamErrors.deleteConflict(
          "This policy has more than one version. Before you delete a policy, you must delete"
              + " the policy's versions. The default version is deleted with the policy.");
    }
    policies.delete(policy);
  }

  /** TagPolicy: adds the tags, replacing the values of keys (in any case) it has already. */
  public void tagPolicy(Caller caller, String arn, Map<String, String> tags) {
    ManagedPolicy policy = entities.policy(caller, arn);
    entities.require(caller, "iam:TagPolicy", arn);
    policies.changeTags(policy, stored -> IamTags.merge(stored, tags, "Policy"));
  }

  public void untagPolicy(Caller caller, String arn, List<String> tagKeys) {
    ManagedPolicy policy = entities.policy(caller, arn);
    entities.require(caller, "iam:UntagPolicy", arn);
    policies.changeTags(policy, stored -> IamTags.remove(stored, tagKeys));
  }

  public Map<String, String> listPolicyTags(Caller caller, String arn) {
    ManagedPolicy policy = entities.policy(caller, arn);
    entities.require(caller, "iam:ListPolicyTags", arn);
    return policy.tags();
  }

  /** The default document of a managed policy, or null when there is no such policy. */
  public @Nullable String policyDocument(String policyArn) {
    return policies.defaultDocument(policyArn).orElse(null);
  }

  private void validateManaged(String document) {
    try {
      parser.parse(document, PolicyKind.MANAGED);
    } catch (PolicyValidationException e) {
      throw e.tooLarge()
          ? IamErrors.limitExceeded(
              "Cannot exceed quota for PolicySize: " + PolicyKind.MANAGED.maxSize())
          : IamErrors.malformedPolicy(e.awsMessage());
    }
  }
}
