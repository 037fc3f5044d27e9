package ferry.kms;

import ferry.authz.Authorizer;
import ferry.authz.DecisionLog;
import ferry.authz.PrincipalPolicies;
import ferry.aws.Principal;
import ferry.kms.store.AliasRepository;
import ferry.kms.store.GrantRepository;
import ferry.kms.store.KeyRepository;
import ferry.policy.PolicyParser;
import ferry.store.Database;
import ferry.testing.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A KmsService on a real SQLite file and master key, whose callers' identity policies a test sets:
 * an assumed role's by its role ARN, anyone else's by its ARN.
 */
final class KmsFixture implements AutoCloseable {
  final Database db;
  final KmsService kms;
  private final Map<String, List<PrincipalPolicies.NamedPolicy>> identityPolicies = new HashMap<>();

  KmsFixture(Path dataDir, Clock clock) {
    this.db = TestStore.open(dataDir);
    var parser = new PolicyParser();
    var authorizer =
        new Authorizer(
            principal ->
                new PrincipalPolicies(
                    identityPolicies.getOrDefault(
                        principal instanceof Principal.AssumedRole role
                            ? role.roleArn()
                            : principal.arn(),
                        List.of()),
                    null),
            parser,
            new DecisionLog(),
            clock);
    this.kms =
        new KmsService(
            new KeyRepository(db),
            new AliasRepository(db),
            new GrantRepository(db),
            MasterKey.openOrCreate(dataDir),
            authorizer,
            parser,
            clock);
  }

  /** Gives the principal (an assumed role: its role ARN) one identity policy. */
  void identityPolicy(String arn, String document) {
    identityPolicies.put(
        arn, List.of(new PrincipalPolicies.NamedPolicy(arn + "-policy", document)));
  }

  @Override
  public void close() {
    db.close();
  }
}
