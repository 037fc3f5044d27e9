package ferry.cli;

import ferry.app.FerryConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every command that opens a data folder shares: {@code --data} and {@code --config}.
 */
final class SettingsOptions {

  @Option(
      names = "--data",
      description = "Data folder (default ${DEFAULT-VALUE}).",
      defaultValue = ".ferry")
  Path data = Path.of(".ferry");

  @Option(names = "--config", description = "Configuration file (Java properties).")
  @Nullable Path config;

  FerryConfig settings() throws IOException {
    return config == null ? FerryConfig.defaults(data) : FerryConfig.load(config, data);
  }
}
