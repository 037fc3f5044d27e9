package ferry.app;

import ferry.iam.AccessKey;
import ferry.iam.AccessKeys;
import ferry.iam.Account;
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.AccountRepository;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes sure every configured account exists with a root access key: the one the configuration
 * fixes, or one generated on first start and kept from then on.
 */
public final class AccountBootstrap {
  private final AccountRepository accounts;
  private final AccessKeyRepository keys;
  private final Clock clock;

  public AccountBootstrap(AccountRepository accounts, AccessKeyRepository keys, Clock clock) {
    this.accounts = accounts;
    this.keys = keys;
    this.clock = clock;
  }

  public List<RootCredentials> ensure(List<AccountConfig> configured) {
    List<RootCredentials> result = new ArrayList<>();
    for (AccountConfig config : configured) {
      accounts.insertIfAbsent(new Account(config.id(), config.name(), clock.instant()));
      AccessKey key = rootKey(config);
      result.add(
          new RootCredentials(
              config.name(), config.id(), key.accessKeyId(), key.secretAccessKey()));
    }
    return result;
  }

  private AccessKey rootKey(AccountConfig config) {
    String fixedId = config.accessKeyId();
    String fixedSecret = config.secretAccessKey();
    if (fixedId != null && fixedSecret != null) {
      var existing = keys.find(fixedId);
      if (existing.isPresent()) {
        return existing.get();
      }
      var key = new AccessKey(fixedId, fixedSecret, config.id(), null, true, clock.instant());
      keys.insert(key);
      return key;
    }
    List<AccessKey> existing = keys.listFor(config.id(), null);
    if (!existing.isEmpty()) {
      return existing.getFirst();
    }
    var key =
        new AccessKey(
            AccessKeys.newLongTermId(),
            AccessKeys.newSecret(),
            config.id(),
            null,
            true,
            clock.instant());
    keys.insert(key);
    return key;
  }
}
