package ferry.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One Ferry for a whole test class, on a fresh data folder under {@link #work}, with the dev
 * account's aws CLI; {@link ServeOptions} on the class adds to its {@code ferry serve} options. A
 * subclass's own {@code @BeforeAll} runs after this one.
 */
@ExtendWith(AwsCliInstalled.class)
abstract class FerryPerClass {
  @TempDir static Path work;
  static FerryServer ferry;
  static AwsCli dev;

  @BeforeAll
  static void startFerry(TestInfo test) throws Exception {
    List<String> options = new ArrayList<>(List.of("--port", "0"));
    test.getTestClass()
        .map(type -> type.getAnnotation(ServeOptions.class))
        .ifPresent(more -> options.addAll(List.of(more.value())));
    ferry = FerryServer.start(work.resolve("data"), options.toArray(String[]::new));
    dev = AwsCli.as(ferry, "dev");
  }

  @AfterAll
  static void stopFerry() throws InterruptedException {
    ferry.close();
  }
}
