package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * {@link PipelineGuideIT} on PostgreSQL: {@code ferry serve} started as a user starts it, with
 * {@code jdbcUrl} and {@code jdbcUser} in its configuration file and the password in {@code
 * FERRY_JDBC_PASSWORD}; its banner names the store; then the guide with the real aws CLI. The
 * figures on PostgreSQL are {@code bench/scripts/multinode.sh}'s (one node, and three), and {@link
 * MultiNodeIT} starts 50 pipelines by one upload on PostgreSQL in CI.
 */
class PipelineGuidePostgresIT extends PipelineGuideIT {
  static PostgresDatabase database;

  // The same tests, on another Ferry: PipelineGuideIT.start (which JUnit runs first) starts none
  // for this class.
  @BeforeAll
  static void startOnPostgres() throws Exception {
    database = PostgresDatabase.create("guide");
    Path config = work.resolve("ferry.properties");
    Files.writeString(config, "jdbcUrl=" + database.url() + "\njdbcUser=" + database.user() + "\n");
    FerryServer server =
        FerryServer.start(
            work.resolve("data"),
            Map.of("FERRY_JDBC_PASSWORD", database.password()),
            "--port",
            "0",
            "--config",
            config.toString());
    ferry = server;
    assertThat(server.output())
        .containsPattern(
            "store\\s+PostgreSQL 1\\d\\.[^\\n]* "
                + Pattern.quote(database.url() + " (user " + database.user() + ")"));
    endpoint = server.endpoint();
    for (String account : List.of("dev", "prod")) {
      FerryServer.Account root = server.account(account);
      roots.put(account, AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
    }
    clientsAndSite();
  }

  // Overridden without @Test, so JUnit does not run PipelineGuideIT's figures a second time here.
  @Override
  void measure_uploadToSucceeded_medianOf20() {}

  @Override
  void measure_fiftyPipelines_triggeredByOneUpload() {}

  @AfterAll
  static void stopAndDrop() throws Exception {
    try {
      PipelineGuideIT.stop();
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }
}
