package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The aws CLI check, run on two classes that need the CLI, with the CLI present and missing. */
class AwsCliInstalledTest {

  @AfterEach
  void forgetThePath() {
    System.clearProperty(AwsCliInstalled.PATH_PROPERTY);
  }

  @Test
  void cliMissing_failsTheFirstClassWithWhatToInstall_andAbortsTheRest() {
    System.setProperty(AwsCliInstalled.PATH_PROPERTY, "/nonexistent/bin/aws");

    TestExecutionSummary summary =
        run(FirstClassNeedingTheCli.class, SecondClassNeedingTheCli.class);

    assertThat(summary.getTestsSucceededCount()).isZero();
    assertThat(summary.getContainersFailedCount()).isEqualTo(1);
    assertThat(summary.getContainersAbortedCount()).isEqualTo(1);
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    assertThat(failures).hasSize(1);
    assertThat(failures.getFirst().getException())
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "The end-to-end tests run Debian's aws CLI v2 at /nonexistent/bin/aws, which is not"
                + " installed: install it with `apt-get install awscli` (as .ci/run does), then"
                + " run ./mvnw verify again.");
  }

  @Test
  void cliPresent_letsTheClassesRun() {
    System.setProperty(AwsCliInstalled.PATH_PROPERTY, "/bin/sh");

    TestExecutionSummary summary =
        run(FirstClassNeedingTheCli.class, SecondClassNeedingTheCli.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(summary.getTotalFailureCount()).isZero();
  }

  private static TestExecutionSummary run(Class<?>... classes) {
    var listener = new SummaryGeneratingListener();
    var request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> type : classes) {
      request.selectors(selectClass(type));
    }
    LauncherFactory.create().execute(request.build(), listener);
    return listener.getSummary();
  }

  @ExtendWith(AwsCliInstalled.class)
  static class FirstClassNeedingTheCli {
    @Test
    void runs() {}
  }

  @ExtendWith(AwsCliInstalled.class)
  static class SecondClassNeedingTheCli {
    @Test
    void runs() {}
  }
}
