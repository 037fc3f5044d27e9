package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The aws CLI forked from a process that imported it ({@link AwsCliForks}) answers exactly as
 * {@code /usr/bin/aws} started afresh: the same exit status, stdout and stderr, for an answer, a
 * service error and a usage error, with each command's own credentials and variables; a command
 * past its timeout is killed.
 */
class AwsCliForksIT extends FerryPerClass {

  @BeforeAll
  static void bucket() throws Exception {
    dev.run("s3", "mb", "s3://forks-same").assertOk();
    dev.run("s3api", "put-object", "--bucket", "forks-same", "--key", "a.txt").assertOk();
  }

  @Test
  void anAnswer_isTheSameForkedAndStartedAfresh() throws Exception {
    AwsCli.Result forked = dev.run("s3api", "list-objects-v2", "--bucket", "forks-same");

    assertThat(forked.exitCode()).isZero();
    assertThat(forked.stdout()).contains("\"Key\": \"a.txt\"");
    assertThat(forked).isEqualTo(afresh(dev, "s3api", "list-objects-v2", "--bucket", "forks-same"));
  }

  @Test
  void aServiceError_isTheSameForkedAndStartedAfresh() throws Exception {
    AwsCli.Result forked =
        dev.run("s3api", "get-object-acl", "--bucket", "forks-none", "--key", "k");

    assertThat(forked.exitCode()).isEqualTo(254);
    assertThat(forked.stderr())
        .contains("An error occurred (NoSuchBucket) when calling the GetObjectAcl operation");
    assertThat(forked)
        .isEqualTo(afresh(dev, "s3api", "get-object-acl", "--bucket", "forks-none", "--key", "k"));
  }

  @Test
  void aUsageError_isTheSameForkedAndStartedAfresh() throws Exception {
    AwsCli.Result forked = dev.run("s3api", "put-object", "--key", "k");

    assertThat(forked.exitCode()).isEqualTo(252);
    assertThat(forked.stderr()).contains("the following arguments are required: --bucket");
    assertThat(forked).isEqualTo(afresh(dev, "s3api", "put-object", "--key", "k"));
  }

  @Test
  void eachCommand_hasItsOwnCredentialsAndVariables_alsoWhenRunConcurrently() throws Exception {
    AwsCli prod = AwsCli.as(ferry, "prod");
    AwsCli devInEurope = dev.withEnvironment("AWS_DEFAULT_REGION", "eu-west-1");
    List<Callable<String>> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(() -> dev.run("sts", "get-caller-identity").assertOk().stdout());
      calls.add(() -> prod.run("sts", "get-caller-identity").assertOk().stdout());
      calls.add(() -> devInEurope.run("configure", "list").assertOk().stdout());
    }

    List<String> outputs = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(calls.size())) {
      for (Future<String> output : threads.invokeAll(calls)) {
        outputs.add(output.get());
      }
    }

    for (int i = 0; i < outputs.size(); i += 3) {
      assertThat(outputs.get(i)).contains("\"Account\": \"111111111111\"");
      assertThat(outputs.get(i + 1)).contains("\"Account\": \"222222222222\"");
      assertThat(outputs.get(i + 2)).containsPattern("region\\s+eu-west-1\\s+env");
    }
  }

  @Test
  void aCommandPastItsTimeout_isKilled_andTheNextOneRuns() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<String> arguments =
          List.of("--endpoint-url", "http://127.0.0.1:" + silent.getLocalPort(), "s3", "ls");
      Map<String, String> environment =
          ClientProcess.environment("AKIAEXAMPLE", "secret", Map.of("AWS_MAX_ATTEMPTS", "1"));
      long started = System.nanoTime();

      AssertionError timedOut =
          catchThrowableOfType(
              AssertionError.class,
              () -> AwsCliForks.run(arguments, environment, Duration.ofSeconds(3)));

      // botocore waits 60 s for an answer before its read times out
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      Matcher killed =
          Pattern.compile(
                  Pattern.quote(String.join(" ", "/usr/bin/aws", String.join(" ", arguments)))
                      + " did not finish in 3 s: process (\\d+) killed")
              .matcher(timedOut.getMessage());
      assertThat(killed.matches()).as(timedOut.getMessage()).isTrue();
      assertThat(ProcessHandle.of(Long.parseLong(killed.group(1))).filter(ProcessHandle::isAlive))
          .as("the killed command's process")
          .isEmpty();
    }
    assertThat(dev.run("s3", "ls").assertOk().stdout()).contains("forks-same");
  }

  private static AwsCli.Result afresh(AwsCli cli, String... arguments) throws Exception {
    System.setProperty(AwsCliForks.MODE_PROPERTY, "exec");
    try {
      return cli.run(arguments);
    } finally {
      System.clearProperty(AwsCliForks.MODE_PROPERTY);
    }
  }
}
