package ferry.iam;

import static ferry.testing.IdentityServices.PROD;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.testing.IdentityServices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits checked by counting rows hold when requests race: on PostgreSQL ({@code
 * -Dferry.test.db=postgres}) each request is its own transaction on its own connection, as on
 * several nodes, and the count and the insert must be one writer's at a time. On SQLite the single
 * writer already serialises them; the test then checks the same promise.
 */
class IamLimitsRaceTest {
  static final int RACERS = 8;
  static final String DOCUMENT =
      """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}\
      """;

  @TempDir Path dir;
  IdentityServices services;
  IamService iam;
  Caller prod;

  @BeforeEach
  void start() {
    services = new IdentityServices(dir);
    iam = services.iam;
    prod = services.root(PROD);
  }

  @AfterEach
  void stop() {
    services.close();
  }

  @Test
  void accessKeysCreatedAtOnce_atMostTwoPerUser_theRestLimitExceeded() throws Exception {
    iam.users().createUser(prod, "/", "racer");

    List<String> outcomes = race(() -> iam.users().createAccessKey(prod, "racer").accessKeyId());

    assertThat(outcomes).filteredOn(o -> o.startsWith("AKIA")).hasSize(2);
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("AKIA"))
        .hasSize(RACERS - 2)
        .allMatch(o -> o.equals("LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2"));
    assertThat(iam.users().listAccessKeys(prod, "racer")).hasSize(2);
  }

  @Test
  void policyVersionsCreatedAtOnce_atMostFive_theRestLimitExceeded() throws Exception {
    String arn = iam.managedPolicies().createPolicy(prod, "raced", null, DOCUMENT, null).arn();

    List<String> outcomes =
        race(() ->
            iam.managedPolicies().createPolicyVersion(prod, arn, DOCUMENT, false).versionId());

    assertThat(outcomes).filteredOn(o -> o.startsWith("v")).hasSize(4).doesNotHaveDuplicates();
    assertThat(outcomes)
        .filteredOn(o -> !o.startsWith("v"))
        .hasSize(RACERS - 4)
        .allMatch(o -> o.startsWith("LimitExceeded: A managed policy can have up to 5 versions."));
    assertThat(iam.managedPolicies().listPolicyVersions(prod, arn)).hasSize(5);
  }

  /** Runs the request on {@link #RACERS} threads at once: each one's result, or its error. */
  private static List<String> race(Callable<String> request) throws Exception {
    var go = new CountDownLatch(1);
    try (var threads = Executors.newFixedThreadPool(RACERS)) {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < RACERS; i++) {
        futures.add(
            threads.submit(() -> {
              go.await();
              try {
                return request.call();
              } catch (AwsException e) {
                return e.code() + ": " + e.getMessage();
              }
            }));
      }
      go.countDown();
      List<String> outcomes = new ArrayList<>();
      for (Future<String> future : futures) {
        try {
          outcomes.add(future.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("A racing request failed", e.getCause());
        }
      }
      return outcomes;
    }
  }
}
