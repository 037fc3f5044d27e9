package ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Malformed input of every kind, sent by botocore's signer (malformed_input.py): S3's headers,
 * query parameters, configuration documents, presigned URLs and POST forms, and the JSON and query
 * services' operations with bodies and values of the wrong shape. Ferry answers each with a client
 * error or a refusal, never a server error, logs no failed request and keeps serving.
 */
class MalformedInputIT extends FerryPerClass {
  private static final Path SCRIPT =
      Path.of("src", "test", "clients", "python", "malformed_input.py").toAbsolutePath();

  @Test
  void malformedInputOfEveryKind_neverGetsAServerError_andFerryKeepsServing() throws Exception {
    JsonNode result = Boto3Script.run(SCRIPT, ferry.endpoint(), ferry.account("dev"));

    assertThat(result.get("requests").asInt()).isGreaterThan(10_000);
    assertThat(result.get("serverErrors"))
        .as(result.get("serverErrors").toPrettyString())
        .isEmpty();
    assertThat(ferry.output()).doesNotContain("ERROR");
    assertThat(dev.run("s3", "ls", "s3://malformed-input/").assertOk().stdout()).contains("object");
  }
}
