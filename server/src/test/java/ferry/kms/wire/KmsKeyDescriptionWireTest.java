package ferry.kms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/** UpdateKeyDescription through the AWS SDK for Java v2. */
class KmsKeyDescriptionWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();
  static KmsClient dev;

  @BeforeAll
  static void start() {
    dev =
        KmsClient.builder()
            .endpointOverride(ferry.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(Apache5HttpClient.create())
            .credentialsProvider(ferry.credentials("dev"))
            .build();
  }

  @AfterAll
  static void stop() {
    dev.close();
  }

  @Test
  void updateKeyDescription_isWhatDescribeKeyGives_andAPendingOrUnknownKeyIsRefused() {
    String keyId = dev.createKey(k -> k.description("one")).keyMetadata().keyId();
    dev.updateKeyDescription(u -> u.keyId(keyId).description("two"));
    assertThat(dev.describeKey(d -> d.keyId(keyId)).keyMetadata().description()).isEqualTo("two");

    NotFoundException missing =
        catchThrowableOfType(
            NotFoundException.class,
            () ->
                dev.updateKeyDescription(
                    u -> u.keyId("1234abcd-12ab-34cd-56ef-1234567890ab").description("x")));
    assertThat(missing.statusCode()).isEqualTo(400);

    dev.scheduleKeyDeletion(s -> s.keyId(keyId).pendingWindowInDays(7));
    KmsInvalidStateException pending =
        catchThrowableOfType(
            KmsInvalidStateException.class,
            () -> dev.updateKeyDescription(u -> u.keyId(keyId).description("three")));
    assertThat(pending.awsErrorDetails().errorCode()).isEqualTo("KMSInvalidStateException");
    assertThat(pending.awsErrorDetails().errorMessage()).endsWith("is pending deletion.");
    assertThat(dev.describeKey(d -> d.keyId(keyId)).keyMetadata().description()).isEqualTo("two");
  }
}
