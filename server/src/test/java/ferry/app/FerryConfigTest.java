package ferry.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.aws.AccountId;
import ferry.cloudtrail.CloudTrailService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FerryConfigTest {
  @TempDir Path dir;

  @Test
  void load_takesEveryValueTheFileGives() throws Exception {
    Path file =
        write(
            """
            host=0.0.0.0
            port=5566
            dataDir=/srv/ferry
            jdbcUrl=jdbc:postgresql://db/ferry
            jdbcUser=ferry
            jdbcPassword=s3cret
            account.ops.id=333333333333
            account.ops.accessKeyId=AKIAEXAMPLEOPS000001
            account.ops.secretAccessKey=wJalrXUtnFEMI/K7MDENG
            """);

    FerryConfig config = FerryConfig.load(file, Path.of(".ferry"));

    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.clientHost()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(5566);
    assertThat(config.dataDir()).isEqualTo(Path.of("/srv/ferry"));
    assertThat(config.database())
        .isEqualTo(new DatabaseSettings("jdbc:postgresql://db/ferry", "ferry", "s3cret"));
    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("wJalrXUtnFEMI");
    assertThat(config.accounts())
        .containsExactly(
            new AccountConfig(
                "ops",
                AccountId.of("333333333333"),
                "AKIAEXAMPLEOPS000001",
                "wJalrXUtnFEMI/K7MDENG"));
  }

  @Test
  void load_takesTheCloudTrailSettings() throws Exception {
    FerryConfig config =
        FerryConfig.load(write("cloudtrail=off\ncloudtrail.retentionDays=7\n"), Path.of("d"));

    assertThat(config.cloudTrail()).isEqualTo(new CloudTrailSettings(false, Duration.ofDays(7)));
    assertThat(FerryConfig.load(write("cloudtrail = on\n"), Path.of("d")).cloudTrail())
        .isEqualTo(new CloudTrailSettings(true, CloudTrailService.DEFAULT_RETENTION));
  }

  @Test
  void load_keepsTheDefaultsForWhatTheFileLeavesOut() throws Exception {
    FerryConfig config = FerryConfig.load(write("port=0\n"), Path.of("data"));

    assertThat(config).isEqualTo(FerryConfig.defaults(Path.of("data")).withPort(0));
  }

  @Test
  void load_takesTheNodeIdAndPipelineLease() throws Exception {
    FerryConfig config =
        FerryConfig.load(write("nodeId=ferry-a\npipelineLeaseSeconds=30\n"), Path.of("data"));

    assertThat(config.node()).isEqualTo(new NodeSettings("ferry-a", Duration.ofSeconds(30)));
    assertThat(FerryConfig.defaults(Path.of("data")).node())
        .isEqualTo(new NodeSettings(null, Duration.ofSeconds(10)));
  }

  @Test
  void withEnvironment_fillsInOnlyTheDatabaseSettingsTheFileLeftOut() throws Exception {
    var environment =
        Map.of(
            "FERRY_JDBC_URL", "jdbc:postgresql://env/ferry",
            "FERRY_JDBC_USER", "env-user",
            "FERRY_JDBC_PASSWORD", "env-password");

    FerryConfig fromFile =
        FerryConfig.load(write("jdbcUrl=jdbc:postgresql://file/ferry\njdbcUser=file-user\n"), dir)
            .withEnvironment(environment);
    FerryConfig none = FerryConfig.defaults(dir).withEnvironment(Map.of());

    assertThat(fromFile.database())
        .isEqualTo(
            new DatabaseSettings("jdbc:postgresql://file/ferry", "file-user", "env-password"));
    assertThat(none).isEqualTo(FerryConfig.defaults(dir));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a removed key is named with what replaced it | tlsPort=4567"
            + " | tlsPort is no longer used: Ferry serves HTTP and HTTPS on the same port",
        "an unknown key is refused, not ignored | prot=4566 | unknown key prot (known: host, port,",
        "a port that is not a number | port=http | port must be a number from 0 to 65535, not 'http'",
        "a port out of range | port=70000 | port must be a number from 0 to 65535, not '70000'",
        "recording neither on nor off | cloudtrail=no | cloudtrail must be on or off, not 'no'",
        "a retention that is no number of days | cloudtrail.retentionDays=0"
            + " | cloudtrail.retentionDays must be a number of days from 1 to 36500, not '0'",
        "an account without an id | account.ops.accessKeyId=AKIA | account ops has no account.ops.id",
        "a lease that is not a number | pipelineLeaseSeconds=soon"
            + " | pipelineLeaseSeconds must be a number from 1 to 3600, not 'soon'",
        "a lease of nothing | pipelineLeaseSeconds=0"
            + " | pipelineLeaseSeconds must be a number from 1 to 3600, not '0'",
        "an account id that is not 12 digits | account.ops.id=123"
            + " | account.ops.id: An account id is 12 digits, not '123'",
      })
  void load_refusesAFileItCannotUse_namingTheFileAndTheProblem(
      String name, String contents, String problem) throws Exception {
    Path file = write(contents + "\n");

    assertThatThrownBy(() -> FerryConfig.load(file, Path.of(".ferry")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": " + problem);
  }

  private Path write(String contents) throws Exception {
    return Files.writeString(dir.resolve("ferry.properties"), contents);
  }
}
