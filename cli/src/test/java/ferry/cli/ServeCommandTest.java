package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.FerryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which settings {@code ferry serve} runs with: the configuration file's, unless a flag says. */
class ServeCommandTest {
  @TempDir Path dir;

  private FerryConfig settings(String... arguments) throws Exception {
    var serve = new ServeCommand();
    new CommandLine(serve).parseArgs(arguments);
    return serve.settings();
  }

  private Path config() throws Exception {
    return Files.writeString(
        dir.resolve("ferry.properties"),
        "host=0.0.0.0\nport=5566\ndataDir=" + dir.resolve("from-file") + "\n");
  }

  @Test
  void withoutFlags_theDefaults() throws Exception {
    assertThat(settings()).isEqualTo(FerryConfig.defaults(Path.of(".ferry")));
    assertThat(settings().port()).isEqualTo(4566);
  }

  @Test
  void withConfig_theFilesValues_notTheFlagsDefaults() throws Exception {
    FerryConfig settings = settings("--config", config().toString());

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isEqualTo(5566);
    assertThat(settings.dataDir()).isEqualTo(dir.resolve("from-file"));
  }

  @Test
  void withConfigAndFlags_theFlagsWin_andTheRestComesFromTheFile() throws Exception {
    FerryConfig settings =
        settings(
            "--config",
            config().toString(),
            "--port",
            "0",
            "--data",
            dir.resolve("flag").toString());

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isZero();
    assertThat(settings.dataDir()).isEqualTo(dir.resolve("flag"));
  }
}
