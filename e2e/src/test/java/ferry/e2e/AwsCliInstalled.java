package ferry.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * For test classes that run the real aws CLI ({@code @ExtendWith(AwsCliInstalled.class)}): on a
 * machine without it, the first such class fails with what to install, and the others are aborted
 * pointing at that failure, so the run fails once with one clear message instead of once per test
 * with "Cannot run program". It fails rather than skips, so CI cannot pass without the CLI.
 */
final class AwsCliInstalled implements BeforeAllCallback {

  /**
   * Where the check looks instead of {@link AwsCli#BINARY}; only for {@code AwsCliInstalledTest}.
   */
  static final String PATH_PROPERTY = "ferry.e2e.awsCliCheckPath";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AwsCliInstalled.class);

  static String missing(Path binary) {
    return "The end-to-end tests run Debian's aws CLI v2 at "
        + binary
        + ", which is not installed: install it with `apt-get install awscli` (as .ci/run does),"
        + " then run ./mvnw verify again.";
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Path binary = Path.of(System.getProperty(PATH_PROPERTY, AwsCli.BINARY.toString()));
    if (Files.isExecutable(binary)) {
      return;
    }
    ExtensionContext.Store run = context.getRoot().getStore(NAMESPACE);
    String failedFirst = run.get("failed", String.class);
    if (failedFirst != null) {
      throw new TestAbortedException(
          "aws CLI missing: see the failure of " + failedFirst + " (" + binary + ")");
    }
    run.put("failed", context.getDisplayName());
    throw new AssertionError(missing(binary));
  }
}
