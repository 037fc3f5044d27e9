package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.DatabaseSettings;
import ferry.app.FerryConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void theDatabase_isTheOneTheEnvironmentNames_asForServe() {
    FerryConfig config =
        DemoCommand.config(
            dir,
            8123,
            Map.of(
                DatabaseSettings.JDBC_URL_VARIABLE, "jdbc:postgresql://db.example:5432/ferry",
                DatabaseSettings.JDBC_USER_VARIABLE, "team",
                DatabaseSettings.JDBC_PASSWORD_VARIABLE, "secret"));

    assertThat(config.database())
        .isEqualTo(
            new DatabaseSettings("jdbc:postgresql://db.example:5432/ferry", "team", "secret"));
    assertThat(config.dataDir()).isEqualTo(dir);
    assertThat(config.port()).isEqualTo(8123);
  }

  @Test
  void withoutTheVariables_theDatabaseIsSqliteInTheDataFolder() {
    assertThat(DemoCommand.config(dir, 8123, Map.of()))
        .isEqualTo(FerryConfig.defaults(dir).withPort(8123));
  }
}
