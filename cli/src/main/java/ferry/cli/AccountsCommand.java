package ferry.cli;

import ferry.app.AccountBootstrap;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.iam.store.AccessKeyRepository;
import ferry.iam.store.AccountRepository;
import ferry.store.Database;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry accounts}: every account's root credentials as aws CLI profiles. */
@Command(
    name = "accounts",
    description = "Print each account's root credentials as aws CLI profiles.")
public final class AccountsCommand implements Callable<Integer> {

  @Mixin SettingsOptions options = new SettingsOptions();

  @Spec CommandSpec spec;

  @Option(
      names = "--endpoint",
      description =
          "Endpoint the profiles point at (default: http:// and the configuration file's host and"
              + " port, else http://127.0.0.1:4566).")
  @Nullable URI endpoint;

  @Option(
      names = "--write",
      description = "Append the profiles to this aws config file instead of printing them.")
  @Nullable Path write;

  @Override
  public Integer call() throws IOException {
    FerryConfig settings = options.settings();
    Files.createDirectories(settings.dataDir());
    List<RootCredentials> roots;
    try (Database db = settings.openDatabase()) {
      roots =
          new AccountBootstrap(
                  new AccountRepository(db), new AccessKeyRepository(db), Clock.systemUTC())
              .ensure(settings.accounts());
    }
    String profiles = Profiles.render(roots, endpoint == null ? endpointOf(settings) : endpoint);
    if (write == null) {
      spec.commandLine().getOut().print(profiles);
      spec.commandLine().getOut().flush();
      return 0;
    }
    String existing = Files.exists(write) ? Files.readString(write) : "";
    for (RootCredentials root : roots) {
      if (existing.contains("[profile " + root.accountName() + "]")) {
        spec.commandLine()
            .getErr()
            .println(
                "ferry accounts: "
                    + write
                    + " already has a profile named "
                    + root.accountName()
                    + "; nothing written");
        return 1;
      }
    }
    Files.writeString(
        write,
        (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + profiles,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    spec.commandLine().getOut().println("Wrote " + roots.size() + " profiles to " + write);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static URI endpointOf(FerryConfig settings) {
    return URI.create("http://" + settings.clientHost() + ":" + settings.port());
  }
}
