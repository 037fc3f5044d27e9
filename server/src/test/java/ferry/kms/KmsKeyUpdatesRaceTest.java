package ferry.kms;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.aws.AccountId;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.kms.store.KeyRepository;
import ferry.testing.Race;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates of different fields of one key racing: each is applied to the stored key, so none undoes
 * another, and RotateKeyOnDemand's limit holds. On PostgreSQL ({@code -Dferry.test.db=postgres})
 * each request is its own transaction, as on several nodes.
 */
class KmsKeyUpdatesRaceTest {
  static final int ROUNDS = 20;
  static final AccountId DEV = AccountId.of("111111111111");

  @TempDir Path dataDir;
  KmsFixture fixture;
  KmsService kms;
  final Caller dev = Caller.of(new Principal.AccountRoot(DEV), Region.US_EAST_1, Instant.now());

  @BeforeEach
  void start() {
    fixture = new KmsFixture(dataDir, Clock.systemUTC());
    kms = fixture.kms;
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void policyAndDescriptionPutAtOnce_bothKept() throws Exception {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("round 0")).key();

    for (int round = 1; round <= ROUNDS; round++) {
      String policy = policy(round);
      String description = "round " + round;
      List<String> outcomes =
          Race.run(
              2,
              racer -> {
                if (racer == 0) {
                  kms.policies().putKeyPolicy(dev, key.keyId(), "default", policy, false);
                } else {
                  kms.keys().updateKeyDescription(dev, key.keyId(), description);
                }
                return "done";
              });

      assertThat(outcomes).containsOnly("done");
      KmsKey stored = stored(key);
      assertThat(stored.policy()).as("policy after round %d", round).isEqualTo(policy);
      assertThat(stored.description())
          .as("description after round %d", round)
          .isEqualTo(description);
    }
  }

  @Test
  void rotationAndStateChangedAtOnce_bothKept() throws Exception {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("raced")).key();

    for (int round = 1; round <= ROUNDS; round++) {
      boolean odd = round % 2 == 1;
      int period = 90 + round;
      String description = "round " + round;
      List<String> outcomes =
          Race.run(
              2,
              racer -> {
                if (racer == 0) {
                  if (odd) {
                    kms.rotations().enableKeyRotation(dev, key.keyId(), period);
                  } else {
                    kms.rotations().disableKeyRotation(dev, key.keyId());
                  }
                } else {
                  kms.keys().updateKeyDescription(dev, key.keyId(), description);
                }
                return "done";
              });

      assertThat(outcomes).containsOnly("done");
      KmsKey stored = stored(key);
      assertThat(stored.description())
          .as("description after round %d", round)
          .isEqualTo("round " + round);
      if (odd) {
        assertThat(stored.rotation()).as("rotation after round %d", round).isNotNull();
        assertThat(stored.rotation().periodDays()).isEqualTo(90 + round);
      } else {
        assertThat(stored.rotation()).as("rotation after round %d", round).isNull();
      }
    }
  }

  @Test
  void thirtyRotationsOnDemandAtOnce_twentyFiveMade_theRestLimitExceeded() throws Exception {
    KmsKey key = kms.keys().createKey(dev, CreateKeyRequest.symmetric("rotated")).key();

    List<String> outcomes =
        Race.run(30, racer -> kms.rotations().rotateKeyOnDemand(dev, key.keyId()));

    assertThat(outcomes).filteredOn(key.keyId()::equals).hasSize(25);
    assertThat(outcomes)
        .filteredOn(o -> !o.equals(key.keyId()))
        .hasSize(5)
        .containsOnly(
            "LimitExceededException: "
                + key.arn()
                + " has been rotated on demand 25 times, the most a key may be.");
    assertThat(new KeyRepository(fixture.db).materials(DEV, key.keyId(), 0, 100))
        .extracting(KeyMaterial::number)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
    assertThat(stored(key).currentMaterial()).isEqualTo(25);
  }

  private KmsKey stored(KmsKey key) {
    return new KeyRepository(fixture.db)
        .find(key.account(), key.region(), key.keyId())
        .orElseThrow();
  }

  private static String policy(int round) {
    return """
    {"Version":"2012-10-17","Statement":[{"Sid":"Round%d","Effect":"Allow",\
    "Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"kms:*","Resource":"*"}]}\
    """
        .formatted(round);
  }
}
