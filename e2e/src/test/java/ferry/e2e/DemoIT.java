package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.junit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ferry demo --exit} as a newcomer runs it: the launcher, on a fresh clone of the
 * repository in a temporary folder.
 *
 * <p>The clone gets the runnable jar this build already made (same commit), newer than every
 * source, so the launcher takes it as up to date instead of building a second time — on a 2-core
 * machine a second full build would cost minutes and prove nothing the first build did not.
 */
class DemoIT {

  @Test
  void demoOnAFreshClone_deploysTheSiteIntoProd_ownedByProd_andUnreadableByDev(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path repo = Path.of("..").toAbsolutePath().normalize();
    Path clone = tmp.resolve("ferry");
    FerryCommandLine.Result cloned =
        FerryCommandLine.run(
            List.of("git", "clone", "--quiet", "--no-hardlinks", repo.toString(), clone.toString()),
            tmp,
            Duration.ofMinutes(2));
    assertThat(cloned.exitCode()).as(cloned.output()).isZero();
    Path jar = clone.resolve("cli/target/ferry.jar");
    Files.createDirectories(jar.getParent());
    Files.copy(FerryServer.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

    FerryCommandLine.Result demo =
        FerryCommandLine.run(
            List.of("./ferry", "demo", "--exit", "--data", tmp.resolve("data").toString()),
            clone,
            Duration.ofMinutes(3));

    String out = demo.output();
    assertThat(out).doesNotContain("ferry: building");
    assertThat(demo.exitCode()).as(out).isZero();
    // The launcher runs on this JVM's JDK (it keeps the JAVA_HOME the build runs on), and deletes
    // a cache whose training failed.
    if (Runtime.version().feature() >= 25) {
      assertThat(out).contains("ferry: training the start-up cache on the guide and S3 traffic");
      assertThat(clone.resolve("cli/target/ferry.aot")).isNotEmptyFile();
    }
    assertThat(out).doesNotContain("could not train");
    assertThat(out)
        .as("the demo keeps its metadata where the run asked (-Dferry.test.db)")
        .contains(TestDatabase.postgres() ? ", store PostgreSQL" : ", store SQLite");
    assertThat(out)
        .contains("first run Failed in Source")
        .contains("The object with key 'sample-website.zip' does not exist.")
        .contains("Success: the guide deployed dev's site into prod, owned by prod.")
        .contains("The prod account owns every deployed object.")
        .containsPattern("(?s)Source\\s+Source\\s+Succeeded.*\\n  Deploy\\s+Deploy\\s+Succeeded")
        .containsPattern("dev cannot read them: GetObject .* as dev root -> 403 AccessDenied");
    for (String file : List.of("index.html", "error.html", "css/style.css", "images/ferry.png")) {
      assertThat(out)
          .containsPattern(
              file.replace(".", "\\.") + "\\s+\\d+ bytes  owner 222222222222 \\(prod\\)");
    }
    System.out.println(out);
    System.out.println("./ferry demo --exit took " + demo.took().toMillis() + " ms (process)");
  }
}
