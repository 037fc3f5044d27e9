package ferry.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogTest {

  @Test
  void ferrysNotices_andTheLibrariesWarnings_goToStderr_withTheirTime_butNotTheLibrariesNotices() {
    PrintStream stderr = System.err;
    var captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, UTF_8));
    try {
      LoggerFactory.getLogger("ferry.store.UnreferencedBlobs").info("Reclaimed 1 of 2 blobs");
      LoggerFactory.getLogger("org.eclipse.jetty.server.Server").info("Started Server");
      LoggerFactory.getLogger("org.eclipse.jetty.server.Server").warn("Bad request");
    } finally {
      System.setErr(stderr);
    }

    assertThat(captured.toString(UTF_8).lines())
        .satisfiesExactly(
            ferry ->
                assertThat(ferry)
                    .matches(
                        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO"
                            + " UnreferencedBlobs - Reclaimed 1 of 2 blobs"),
            jetty -> assertThat(jetty).endsWith(" WARN Server - Bad request"));
  }
}
