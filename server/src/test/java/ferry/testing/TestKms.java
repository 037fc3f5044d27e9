package ferry.testing;

import ferry.authz.Authorizer;
import ferry.kms.KmsService;
import ferry.kms.MasterKey;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import java.nio.file.Path;
import java.time.Clock;

/** A real KMS on the test's database, for services that encrypt through it (S3's SSE-KMS). */
public final class TestKms {
  private TestKms() {}

  public static KmsService on(Database db, Path dataDir, Authorizer authorizer, Clock clock) {
    return new KmsService(
        new KeyRepository(db),
        new AliasRepository(db),
        new GrantRepository(db),
        MasterKey.openOrCreate(dataDir),
        authorizer,
        new PolicyParser(),
        clock);
  }
}
