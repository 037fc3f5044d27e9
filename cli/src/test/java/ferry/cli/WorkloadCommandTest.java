package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.app.Ferry;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

class WorkloadCommandTest {
  @TempDir Path dir;

  @Test
  void theWorkload_deploysTheGuide_thenMakesEveryKindOfObjectCall_andRemovesItsBucket()
      throws Exception {
    try (Ferry ferry = Ferry.start(FerryConfig.defaults(dir).withPort(0))) {
      RootCredentials dev = ferry.root("dev");

      WorkloadCommand.Played played =
          WorkloadCommand.play(ferry.endpoint(), dev, ferry.root("prod"), Duration.ofMillis(200));

      assertThat(played.guide().objects()).isNotEmpty();
      ObjectTraffic.Counts calls = played.objects();
      // Each of the eight threads of a phase makes at least one call, and so does the one thread.
      assertThat(calls.puts()).isGreaterThanOrEqualTo(9);
      assertThat(calls.gets()).isPositive();
      assertThat(calls.rangedGets()).isGreaterThanOrEqualTo(2);
      assertThat(calls.gets() + calls.rangedGets()).isGreaterThanOrEqualTo(9 + 1);
      assertThat(calls.listings()).isPositive();
      assertThat(calls.parts()).isEqualTo(3);
      assertThat(calls.deleted()).isEqualTo(calls.puts() + 1);
      try (var http = Apache5HttpClient.builder().build();
          var clients =
              new ferry.cli.guide.GuideClients(
                  ferry.endpoint(), dev.accessKeyId(), dev.secretAccessKey(), http)) {
        assertThatThrownBy(() -> clients.s3().headBucket(b -> b.bucket(WorkloadCommand.BUCKET)))
            .isInstanceOf(NoSuchBucketException.class);
      }
    }
  }

  @Test
  void credentials_areAnAccountAKeyAndItsSecret_orTheVariableIsNamed() {
    assertThat(
            WorkloadCommand.credentials(
                "dev", "111111111111 AKIAEXAMPLE secret/with+signs", "FERRY_WORKLOAD_DEV"))
        .satisfies(root -> {
          assertThat(root.account().value()).isEqualTo("111111111111");
          assertThat(root.accessKeyId()).isEqualTo("AKIAEXAMPLE");
          assertThat(root.secretAccessKey()).isEqualTo("secret/with+signs");
        });
    for (String wrong : new String[] {null, "", "111111111111 AKIAEXAMPLE"}) {
      assertThatThrownBy(() -> WorkloadCommand.credentials("dev", wrong, "FERRY_WORKLOAD_DEV"))
          .hasMessage("FERRY_WORKLOAD_DEV must be \"account access-key-id secret-access-key\"");
    }
  }
}
