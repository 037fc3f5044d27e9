package ferry.ssm;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.iam.EntityKind;
import ferry.iam.User;
import ferry.kms.KmsService;
import ferry.ssm.store.ParameterRepository;
import ferry.testing.IdentityServices;
import ferry.testing.TestKms;
import java.nio.file.Path;

/** SSM on real IAM, KMS and SQLite, with users whose inline policies a test writes. */
final class SsmFixture implements AutoCloseable {
  final IdentityServices ids;
  final KmsService kms;
  final SsmService ssm;
  final Caller dev;

  SsmFixture(Path dir) {
    ids = new IdentityServices(dir);
    kms = TestKms.on(ids.db, dir, ids.authorizer, ids.clock);
    ssm = new SsmService(new ParameterRepository(ids.db), kms, ids.authorizer, ids.clock);
    dev = ids.root(IdentityServices.DEV);
  }

  /** A dev user allowed exactly what {@code statements} (a JSON array's items) allow. */
  Caller user(String name, String statements) {
    User user = ids.iam.users().createUser(dev, null, name);
    ids.iam
        .entityPolicies()
        .putInlinePolicy(
            dev,
            EntityKind.USER,
            name,
            "grants",
            "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}");
    return ids.as(new Principal.IamUser(IdentityServices.DEV, "/", name, user.userId()));
  }

  Parameters parameters() {
    return ssm.parameters();
  }

  @Override
  public void close() {
    ids.close();
  }
}
