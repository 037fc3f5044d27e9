package ferry.kms.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ferry.testing.RunningFerry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.ListResourceTagsResponse;
import software.amazon.awssdk.services.kms.model.Tag;
import software.amazon.awssdk.services.kms.model.TagException;

/** Key tags through the AWS SDK for Java v2: the model's shapes and AWS's errors. */
class KmsTagsWireTest {
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

  static Tag tag(String key, String value) {
    return Tag.builder().tagKey(key).tagValue(value).build();
  }

  @Test
  void tagResource_listResourceTags_untagResource_roundTrip() {
    String keyId = dev.createKey(k -> k.tags(tag("team", "a"))).keyMetadata().keyId();
    dev.tagResource(t -> t.keyId(keyId).tags(tag("team", "b"), tag("cost", "42")));
    ListResourceTagsResponse page = dev.listResourceTags(l -> l.keyId(keyId).limit(1));
    assertThat(page.tags()).containsExactly(tag("team", "b"));
    assertThat(page.truncated()).isTrue();
    ListResourceTagsResponse rest =
        dev.listResourceTags(l -> l.keyId(keyId).marker(page.nextMarker()));
    assertThat(rest.tags()).containsExactly(tag("cost", "42"));
    assertThat(rest.truncated()).isFalse();
    assertThat(rest.nextMarker()).isNull();

    dev.untagResource(u -> u.keyId(keyId).tagKeys("team"));
    assertThat(dev.listResourceTags(l -> l.keyId(keyId)).tags()).containsExactly(tag("cost", "42"));
  }

  @Test
  void badTags_areRefused_andNothingIsStored() {
    String keyId = dev.createKey(k -> k.description("bad tags")).keyMetadata().keyId();
    List<Tag> tooMany = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      tooMany.add(tag("k" + i, "v"));
    }
    TagException many =
        catchThrowableOfType(
            TagException.class, () -> dev.tagResource(t -> t.keyId(keyId).tags(tooMany)));
    assertThat(many.awsErrorDetails().errorMessage()).isEqualTo("Too many tags");
    assertThat(many.statusCode()).isEqualTo(400);
    TagException duplicate =
        catchThrowableOfType(
            TagException.class,
            () -> dev.tagResource(t -> t.keyId(keyId).tags(tag("a", "1"), tag("a", "2"))));
    assertThat(duplicate.awsErrorDetails().errorMessage()).isEqualTo("Duplicate tag keys");
    KmsException reserved =
        catchThrowableOfType(
            KmsException.class, () -> dev.createKey(k -> k.tags(tag("aws:owner", "me"))));
    assertThat(reserved.awsErrorDetails().errorCode()).isEqualTo("TagException");
    assertThat(dev.listResourceTags(l -> l.keyId(keyId)).tags()).isEmpty();

    dev.tagResource(t -> t.keyId(keyId).tags(tag("ok", "1")));
    assertThat(dev.listResourceTags(l -> l.keyId(keyId)).tags()).containsExactly(tag("ok", "1"));
  }
}
