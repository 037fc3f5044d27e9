package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.junit.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ferry demo --break GRANT} for each of the guide's seven grants: the guide stops at the
 * step AWS stops at, with AWS's error and an explanation naming the kind of policy that is missing.
 */
class DemoBreakIT {

  @ParameterizedTest(name = "--break {0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          key-policy-prod          | 8 (Deploy action)   | PermissionError           | kms:Decrypt    | key policy
          customer-managed-key     | 8 (Deploy action)   | PermissionError           | kms:Decrypt    | key policy
          artifact-bucket-policy   | 8 (Deploy action)   | PermissionError           | s3:GetObject   | bucket policy
          trust-policy             | 7 (update-pipeline) | InvalidStructureException | sts:AssumeRole | trust policy
          assumeprods3role         | 7 (update-pipeline) | InvalidStructureException | sts:AssumeRole | identity-based policy
          outputbucketdeployaccess | 8 (Deploy action)   | PermissionError           | s3:PutObject   | identity-based policy
          devkmss3access           | 8 (Deploy action)   | PermissionError           | s3:GetObject   | identity-based policy
          """)
  void withoutOneGrant_theGuideFailsAtItsStep_andTheExplanationNamesTheMissingGrant(
      String grant, String step, String error, String action, String policy, @TempDir Path data)
      throws IOException, InterruptedException {
    FerryCommandLine.Result demo =
        FerryCommandLine.jar(
            Duration.ofMinutes(3),
            "demo",
            "--exit",
            "--break",
            grant,
            "--data",
            data.resolve("ferry").toString());

    String out = demo.output();
    assertThat(demo.exitCode()).as(out).isZero();
    assertThat(out)
        .as("the demo keeps its metadata where the run asked (-Dferry.test.db)")
        .contains(TestDatabase.postgres() ? ", store PostgreSQL" : ", store SQLite");
    assertThat(out)
        .contains("LEFT OUT (--break " + grant + ")")
        .contains("FAILED at step " + step + ": " + error)
        .contains("As expected without " + grant)
        .doesNotContain("Success: the guide deployed");
    String explanation = out.substring(out.indexOf("ferry explain d-"));
    assertThat(explanation).contains("DENIED").contains(action);
    assertThat(missingLine(explanation)).containsIgnoringCase(policy);
  }

  private static String missingLine(String explanation) {
    return explanation
        .lines()
        .filter(line -> line.strip().startsWith("Missing:"))
        .findFirst()
        .orElse("(no Missing: line)\n" + explanation);
  }
}
