package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.DatabaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupCommandTest {
  @TempDir Path dir;

  @Test
  void warmup_keepsToItsFolder_evenWhenTheEnvironmentNamesADatabase()
      throws IOException, InterruptedException {
    ProcessBuilder warmup =
        WarmupCommand.ferry(List.of(), "warmup", dir.toString()).redirectErrorStream(true);
    // Nothing listens there: a warmup that took the variable would fail to start.
    warmup
        .environment()
        .put(DatabaseSettings.JDBC_URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/ferry");
    Process running = warmup.start();
    String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(running.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(running.exitValue()).as(output).isZero();
    assertThat(dir.resolve("ferry.db")).isNotEmptyFile();
    assertThat(List.of(dir.toFile().list())).contains("blobs");
  }
}
