package ferry.kms;

import ferry.aws.Caller;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases. An alias names one key of its
 * account and region; {@code alias/aws/} is reserved for AWS managed keys.
 *
 * @see <a href="https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html">Aliases</a>
 */
public final class KmsAliases {
  private static final Pattern ALIAS_NAME = Pattern.compile("^[a-zA-Z0-9:/_-]+$");

  private final KeyAccess access;

  KmsAliases(KeyAccess access) {
    this.access = access;
  }

  public void createAlias(Caller caller, String aliasName, String targetKeyId) {
    checkAliasName(aliasName);
    KmsKey key = aliasTarget(caller, targetKeyId, "CreateAlias");
    String aliasArn = aliasArn(caller, aliasName);
    access.requireIdentity(caller, "kms:CreateAlias", aliasArn);
    access.authorize(caller, "CreateAlias", key);
    if (key.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(key.arn());
    }
    Instant now = access.clock.instant();
    var alias = new KmsAlias(caller.account(), caller.region(), aliasName, key.keyId(), now, now);
    if (!access.aliases.insertIfAbsent(alias)) {
      throw KmsErrors.aliasAlreadyExists(aliasArn);
    }
  }

  public void updateAlias(Caller caller, String aliasName, String targetKeyId) {
    checkAliasName(aliasName);
    String aliasArn = aliasArn(caller, aliasName);
    KmsAlias alias =
        access
            .aliases
            .find(caller.account(), caller.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn));
    KmsKey current = access.key(caller.account(), caller.region(), alias.targetKeyId());
    KmsKey target = aliasTarget(caller, targetKeyId, "UpdateAlias");
    access.requireIdentity(caller, "kms:UpdateAlias", aliasArn);
    access.authorize(caller, "UpdateAlias", current);
    access.authorize(caller, "UpdateAlias", target);
    if (target.state() == KeyState.PENDING_DELETION) {
      throw KmsErrors.pendingDeletion(target.arn());
    }
    access.aliases.updateTarget(
        caller.account(), caller.region(), aliasName, target.keyId(), access.clock.instant());
  }

  public void deleteAlias(Caller caller, String aliasName) {
    checkAliasName(aliasName);
    String aliasArn = aliasArn(caller, aliasName);
    KmsAlias alias =
        access
            .aliases
            .find(caller.account(), caller.region(), aliasName)
            .orElseThrow(() -> KmsErrors.aliasNotFound(aliasArn));
    access.requireIdentity(caller, "kms:DeleteAlias", aliasArn);
    access.authorize(
        caller, "DeleteAlias", access.key(caller.account(), caller.region(), alias.targetKeyId()));
    access.aliases.delete(caller.account(), caller.region(), aliasName);
  }

  /** The aliases of the caller's account and region, or only those of {@code keyId}. */
  public Page<KmsAlias> listAliases(
      Caller caller, @Nullable String keyId, @Nullable Integer limit, @Nullable String marker) {
    int size = Page.limit(limit, 100);
    String onlyKey = null;
    if (keyId != null) {
      KmsKey key = access.resolve(caller, keyId, "ListAliases");
      onlyKey = key.keyId();
    }
    access.requireIdentity(caller, "kms:ListAliases", caller.region());
    List<KmsAlias> found =
        access.aliases.list(caller.account(), caller.region(), onlyKey, marker, size + 1);
    return Page.of(found, size, KmsAlias::name);
  }

  /** The target of CreateAlias or UpdateAlias: a customer managed key, named by id or ARN. */
  private KmsKey aliasTarget(Caller caller, String targetKeyId, String operation) {
    if (targetKeyId.startsWith("alias/") || targetKeyId.contains(":alias/")) {
      throw KmsErrors.validation("Aliases must refer to keys. Not aliases");
    }
    return access.resolve(caller, targetKeyId, operation);
  }

  private static void checkAliasName(String aliasName) {
    if (aliasName.isEmpty() || aliasName.length() > 256) {
      throw KmsErrors.constraint(
          "aliasName", aliasName, "Member must have length between 1 and 256");
    }
    if (!ALIAS_NAME.matcher(aliasName).matches()) {
      throw KmsErrors.constraint(
          "aliasName",
          aliasName,
          "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
    }
    if (!aliasName.startsWith("alias/") || aliasName.length() == "alias/".length()) {
      throw KmsErrors.invalidAliasName(
          "Alias must start with the prefix \"alias/\" followed by a name.");
    }
    if (aliasName.startsWith("alias/aws/")) {
      throw KmsErrors.invalidAliasName(
          "Alias names that begin with alias/aws/ are reserved for AWS managed keys.");
    }
  }

  private static String aliasArn(Caller caller, String aliasName) {
    return "arn:aws:kms:" + caller.region() + ":" + caller.account() + ":" + aliasName;
  }
}
