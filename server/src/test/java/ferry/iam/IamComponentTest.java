package ferry.iam;

import static ferry.testing.IdentityServices.PROD;

import ferry.aws.Caller;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What IAM's component tests start from: IAM, STS and the authorizer on a fresh database of their
 * own, and prod's root as the caller. A subclass's own {@code @BeforeEach} runs after this one's.
 */
abstract class IamComponentTest {
  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller prod;

  @BeforeEach
  void startIdentityServices() {
    services = new IdentityServices(dir);
    iam = services.iam;
    prod = services.root(PROD);
  }

  @AfterEach
  void stopIdentityServices() {
    services.close();
  }
}
