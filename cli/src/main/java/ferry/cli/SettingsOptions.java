package ferry.cli;

import ferry.app.FerryConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command that opens a data folder shares: {@code --data} and {@code --config}. A
 * flag given on the command line wins over the configuration file; a flag left out does not.
 */
final class SettingsOptions {
  static final Path DEFAULT_DATA = Path.of(".ferry");

  @Option(
      names = "--data",
      paramLabel = "FOLDER",
      description = "Data folder (default: the configuration file's dataDir, else .ferry).")
  @Nullable Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Configuration file (Java properties): host, port, dataDir, accounts.")
  @Nullable Path config;

  FerryConfig settings() throws IOException {
    FerryConfig settings =
        config == null
            ? FerryConfig.defaults(DEFAULT_DATA)
            : FerryConfig.load(config, DEFAULT_DATA);
    settings = settings.withEnvironment(System.getenv());
    return data == null ? settings : settings.withDataDir(data);
  }
}
