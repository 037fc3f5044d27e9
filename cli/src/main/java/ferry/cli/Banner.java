package ferry.cli;

import ferry.app.Ferry;
import ferry.app.RootCredentials;
import java.io.PrintStream;
import java.nio.file.Path;

/** What {@code ferry serve} prints once it listens: endpoints, data folder, credentials. */
final class Banner {
  private Banner() {}

  /**
   * Prints the banner once the CA file it names is there: a client that waits for the first line
   * can use it.
   */
  static void print(Ferry ferry, long startMillis, PrintStream out) {
    Path caFile = ferry.caFile().toAbsolutePath();
    out.println("Ferry is running (started in " + startMillis + " ms)");
    out.println("  endpoint      " + ferry.endpoint());
    out.println("  tls endpoint  " + ferry.tlsEndpoint() + "   (AWS_CA_BUNDLE=" + caFile + ")");
    out.println("  data folder   " + ferry.dataDir().toAbsolutePath());
    out.println("  store         " + ferry.store());
    out.println(
        "  node          "
            + ferry.nodeId()
            + "   (health: "
            + ferry.endpoint()
            + "/_ferry/health)");
    out.println();
    out.println("Accounts (root credentials):");
    for (RootCredentials root : ferry.rootCredentials()) {
      out.printf(
          "  %-6s %s  %s  %s%n",
          root.accountName(), root.account(), root.accessKeyId(), root.secretAccessKey());
    }
    out.println();
    out.println("aws CLI profiles (paste into ~/.aws/config or a file named by AWS_CONFIG_FILE):");
    out.println();
    out.print(Profiles.render(ferry.rootCredentials(), ferry.endpoint()));
    out.println();
    out.println(
        "Then: aws --profile "
            + ferry.rootCredentials().getFirst().accountName()
            + " sts get-caller-identity");
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }
}
