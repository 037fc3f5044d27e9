package ferry.iam;

import static ferry.iam.IamEntities.accountOf;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.iam.store.InstanceProfileRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM instance profiles: CreateInstanceProfile, GetInstanceProfile, ListInstanceProfiles,
 * DeleteInstanceProfile, AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile,
 * ListInstanceProfilesForRole, TagInstanceProfile, UntagInstanceProfile, ListInstanceProfileTags.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html">Instance
 *     profiles</a>
 */
public final class IamInstanceProfiles {
  private static final String TAG_QUOTA = "InstanceProfile";

  private final InstanceProfileRepository profiles;
  private final IamEntities entities;
  private final Clock clock;

  IamInstanceProfiles(InstanceProfileRepository profiles, IamEntities entities, Clock clock) {
    this.profiles = profiles;
    this.entities = entities;
    this.clock = clock;
  }

  public InstanceProfile createInstanceProfile(Caller caller, @Nullable String path, String name) {
    return createInstanceProfile(caller, path, name, Map.of());
  }

  /** CreateInstanceProfile with tags, which need iam:TagInstanceProfile besides. */
  public InstanceProfile createInstanceProfile(
      Caller caller, @Nullable String path, String name, Map<String, String> tags) {
    IamNames.instanceProfileName(name);
    String profilePath = IamNames.path(path);
    IamTags.validate(tags, TAG_QUOTA);
    AccountId account = accountOf(caller);
    var profile =
        new InstanceProfile(
            account,
            profilePath,
            name,
            AccessKeys.newUniqueId("AIPA"),
            clock.instant(),
            List.of(),
            tags);
    entities.require(caller, "iam:CreateInstanceProfile", profile.arn());
    if (!tags.isEmpty()) {
      entities.require(caller, "iam:TagInstanceProfile", profile.arn());
    }
    if (!profiles.insert(profile)) {
      throw IamErrors.alreadyExists("Instance Profile " + name + " already exists.");
    }
    return profile;
  }

  public InstanceProfile getInstanceProfile(Caller caller, String name) {
    InstanceProfile profile = profile(caller, name);
    entities.require(caller, "iam:GetInstanceProfile", profile.arn());
    return profile;
  }

  public List<InstanceProfile> listInstanceProfiles(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    entities.require(
        caller,
        "iam:ListInstanceProfiles",
        "arn:aws:iam::" + account + ":instance-profile" + prefix + "*");
    return profiles.list(account, prefix);
  }

  public void deleteInstanceProfile(Caller caller, String name) {
    InstanceProfile profile = profile(caller, name);
    entities.require(caller, "iam:DeleteInstanceProfile", profile.arn());
    if (!profile.roles().isEmpty()) {
      throw IamErrors.deleteConflict(
          "Cannot delete entity, must remove roles from instance profile first.");
    }
    profiles.delete(profile.account(), profile.name());
  }

  public void addRoleToInstanceProfile(Caller caller, String name, String roleName) {
    InstanceProfile profile = profile(caller, name);
    Role role = entities.role(caller, roleName);
    entities.require(caller, "iam:AddRoleToInstanceProfile", profile.arn());
    if (!profiles.addRole(profile.account(), profile.name(), role.name())) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    }
  }

  public void removeRoleFromInstanceProfile(Caller caller, String name, String roleName) {
    InstanceProfile profile = profile(caller, name);
    Role role = entities.role(caller, roleName);
    entities.require(caller, "iam:RemoveRoleFromInstanceProfile", profile.arn());
    if (!profiles.removeRole(profile.account(), profile.name(), role.name())) {
      throw IamErrors.noSuchEntity(
          "The role with name "
              + role.name()
              + " cannot be found in instance profile "
              + name
              + ".");
    }
  }

  public List<InstanceProfile> listInstanceProfilesForRole(Caller caller, String roleName) {
    Role role = entities.role(caller, roleName);
    entities.require(caller, "iam:ListInstanceProfilesForRole", role.arn());
    return profiles.listForRole(role.account(), role.name());
  }

  /** TagInstanceProfile: adds the tags, replacing the values of keys (in any case) it has. */
  public void tagInstanceProfile(Caller caller, String name, Map<String, String> tags) {
    InstanceProfile profile = profile(caller, name);
    entities.require(caller, "iam:TagInstanceProfile", profile.arn());
    profiles.changeTags(
        profile.account(), profile.name(), stored -> IamTags.merge(stored, tags, TAG_QUOTA));
  }

  public void untagInstanceProfile(Caller caller, String name, List<String> tagKeys) {
    InstanceProfile profile = profile(caller, name);
    entities.require(caller, "iam:UntagInstanceProfile", profile.arn());
    profiles.changeTags(
        profile.account(), profile.name(), stored -> IamTags.remove(stored, tagKeys));
  }

  public Map<String, String> listInstanceProfileTags(Caller caller, String name) {
    InstanceProfile profile = profile(caller, name);
    entities.require(caller, "iam:ListInstanceProfileTags", profile.arn());
    return profile.tags();
  }

  private InstanceProfile profile(Caller caller, String name) {
    IamNames.instanceProfileName(name);
    return profiles
        .find(accountOf(caller), name)
        .orElseThrow(
            () -> IamErrors.noSuchEntity("Instance Profile " + name + " cannot be found."));
  }
}
