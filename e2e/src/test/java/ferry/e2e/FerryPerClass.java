package ferry.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Ferry for a whole test class, on a fresh data folder under {@link #work}, with the dev
 * account's aws CLI. A subclass's own {@code @BeforeAll} runs after this one.
 */
@ExtendWith(AwsCliInstalled.class)
abstract class FerryPerClass {
  @TempDir static Path work;
  static FerryServer ferry;
  static AwsCli dev;

  @BeforeAll
  static void startFerry() throws Exception {
    ferry = FerryServer.start(work.resolve("data"));
    dev = AwsCli.as(ferry, "dev");
  }

  @AfterAll
  static void stopFerry() throws InterruptedException {
    ferry.close();
  }
}
