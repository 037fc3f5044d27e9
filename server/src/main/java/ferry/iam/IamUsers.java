package ferry.iam;

import static ferry.iam.IamEntities.accountOf;
import static ferry.iam.IamEntities.entityArn;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.AccountRepository;
import ferry.iam.store.GroupRepository;
import ferry.iam.store.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * IAM users, their tags and access keys: CreateUser, GetUser, ListUsers, DeleteUser, TagUser,
 * UntagUser, ListUserTags, CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_users.html">IAM users</a>
 */
public final class IamUsers {
  static final int MAX_ACCESS_KEYS = 2;

  private final AccountRepository accounts;
  private final UserRepository users;
  private final GroupRepository groups;
  private final AccessKeyRepository accessKeys;
  private final IamEntities entities;
  private final Clock clock;

  IamUsers(
      AccountRepository accounts,
      UserRepository users,
      GroupRepository groups,
      AccessKeyRepository accessKeys,
      IamEntities entities,
      Clock clock) {
    this.accounts = accounts;
    this.users = users;
    this.groups = groups;
    this.accessKeys = accessKeys;
    this.entities = entities;
    this.clock = clock;
  }

  public User createUser(Caller caller, @Nullable String path, String name) {
    return createUser(caller, path, name, null);
  }

  /** CreateUser, with the permissions boundary the user is created with, if any. */
  public User createUser(
      Caller caller, @Nullable String path, String name, @Nullable String permissionsBoundary) {
    return createUser(caller, path, name, permissionsBoundary, Map.of());
  }

  /** CreateUser with tags, which need iam:TagUser besides iam:CreateUser. */
  public User createUser(
      Caller caller,
      @Nullable String path,
      String name,
      @Nullable String permissionsBoundary,
      Map<String, String> tags) {
    IamNames.userName(name);
    String userPath = IamNames.path(path);
    IamTags.validate(tags, "User");
    AccountId account = accountOf(caller);
    String arn = entityArn(account, EntityKind.USER, userPath, name);
    entities.require(caller, "iam:CreateUser", arn);
    if (!tags.isEmpty()) {
      entities.require(caller, "iam:TagUser", arn);
    }
    if (permissionsBoundary != null) {
      entities.attachable(caller, permissionsBoundary);
    }
    var user =
        new User(
            account,
            userPath,
            name,
            AccessKeys.newUniqueId("AIDA"),
            permissionsBoundary,
            clock.instant(),
            tags);
    if (!users.insert(user)) {
      throw IamErrors.alreadyExists("User with name " + name + " already exists.");
    }
    return user;
  }

  /** The named user, or the calling user when {@code name} is null. */
  public User getUser(Caller caller, @Nullable String name) {
    if (name == null) {
      if (caller.principal() instanceof Principal.IamUser self) {
        name = self.name();
      } else {
        throw IamErrors.validation("Must specify userName when calling with non-User credentials");
      }
    }
    User user = entities.user(caller, name);
    entities.require(caller, "iam:GetUser", user.arn());
    return user;
  }

  /**
   * GetUser without a name by the account root user: AWS answers with the root user, whose user id
   * is the account's id and whose ARN is {@code arn:aws:iam::ACCOUNT:root}.
   */
  public Account getRootUser(Caller caller) {
    if (!(caller.principal() instanceof Principal.AccountRoot root)) {
      throw IamErrors.validation("Must specify userName when calling with non-User credentials");
    }
    entities.require(caller, "iam:GetUser", root.account().rootArn());
    return accounts
        .find(root.account())
        .orElseThrow(
            () -> IamErrors.noSuchEntity("The account " + root.account() + " is unknown."));
  }

  public List<User> listUsers(Caller caller, @Nullable String pathPrefix) {
    String prefix = IamNames.pathPrefix(pathPrefix);
    AccountId account = accountOf(caller);
    entities.require(caller, "iam:ListUsers", "arn:aws:iam::" + account + ":user" + prefix + "*");
    return users.list(account, prefix);
  }

  public void deleteUser(Caller caller, String name) {
    User user = entities.user(caller, name);
    entities.require(caller, "iam:DeleteUser", user.arn());
    if (!accessKeys.listFor(user.account(), user.name()).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must delete access keys first.");
    }
    entities.requireNoPolicies(user.account(), EntityKind.USER, user.name());
    if (!groups.groupsOf(user.account(), user.name()).isEmpty()) {
      throw IamErrors.deleteConflict("Cannot delete entity, must remove users from group first.");
    }
    users.delete(user.account(), user.name());
  }

  /** TagUser: adds the tags, replacing the values of keys (in any case) the user has already. */
  public void tagUser(Caller caller, String name, Map<String, String> tags) {
    User user = entities.user(caller, name);
    entities.require(caller, "iam:TagUser", user.arn());
    users.changeTags(user.account(), user.name(), stored -> IamTags.merge(stored, tags, "User"));
  }

  public void untagUser(Caller caller, String name, List<String> tagKeys) {
    User user = entities.user(caller, name);
    entities.require(caller, "iam:UntagUser", user.arn());
    users.changeTags(user.account(), user.name(), stored -> IamTags.remove(stored, tagKeys));
  }

  public Map<String, String> listUserTags(Caller caller, String name) {
    User user = entities.user(caller, name);
    entities.require(caller, "iam:ListUserTags", user.arn());
    return user.tags();
  }

  // ---- access keys

  /** A new key for the named user, or for the caller itself when {@code userName} is null. */
  public AccessKey createAccessKey(Caller caller, @Nullable String userName) {
    AccountId account = accountOf(caller);
    String owner = keyOwner(caller, userName);
    entities.require(caller, "iam:CreateAccessKey", keyOwnerArn(caller, owner));
    var key =
        new AccessKey(
            AccessKeys.newLongTermId(),
            AccessKeys.newSecret(),
            account,
            owner,
            true,
            clock.instant());
    if (!accessKeys.insertWithin(key, MAX_ACCESS_KEYS)) {
      throw IamErrors.limitExceeded(
          "Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS);
    }
    return key;
  }

  public List<AccessKey> listAccessKeys(Caller caller, @Nullable String userName) {
    String owner = keyOwner(caller, userName);
    entities.require(caller, "iam:ListAccessKeys", keyOwnerArn(caller, owner));
    return accessKeys.listFor(accountOf(caller), owner);
  }

  public void updateAccessKey(
      Caller caller, @Nullable String userName, String accessKeyId, String status) {
    if (!status.equals("Active") && !status.equals("Inactive")) {
      throw IamErrors.constraint(
          "status", status, "Member must satisfy enum value set: [Active, Inactive, Expired]");
    }
    AccessKey key = ownedKey(caller, userName, accessKeyId, "iam:UpdateAccessKey");
    accessKeys.updateStatus(key.accessKeyId(), status.equals("Active"));
  }

  public void deleteAccessKey(Caller caller, @Nullable String userName, String accessKeyId) {
    AccessKey key = ownedKey(caller, userName, accessKeyId, "iam:DeleteAccessKey");
    accessKeys.delete(key.accessKeyId());
  }

  private AccessKey ownedKey(
      Caller caller, @Nullable String userName, String accessKeyId, String action) {
    String owner = keyOwner(caller, userName);
    entities.require(caller, action, keyOwnerArn(caller, owner));
    return accessKeys.listFor(accountOf(caller), owner).stream()
        .filter(k -> k.accessKeyId().equals(accessKeyId))
        .findFirst()
        .orElseThrow(() -> IamErrors.noSuchAccessKey(accessKeyId));
  }

  /** The user whose keys are meant: the named one (which must exist), else the caller's own. */
  private @Nullable String keyOwner(Caller caller, @Nullable String userName) {
    if (userName != null) {
      return entities.user(caller, userName).name();
    }
    return switch (caller.principal()) {
      case Principal.IamUser self -> self.name();
      case Principal.AccountRoot root -> null;
      default ->
          throw IamErrors.validation(
              "Must specify userName when calling with non-User credentials");
    };
  }

  private String keyOwnerArn(Caller caller, @Nullable String owner) {
    AccountId account = accountOf(caller);
    if (owner == null) {
      return account.rootArn();
    }
    return entities.user(caller, owner).arn();
  }
}
