package ferry.http;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.app.RootCredentials;
import ferry.testing.RunningFerry;
import ferry.testing.SignedHttp;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.s3.model.Bucket;

/**
 * A body longer than the operation reads into memory gets its wire family's error, never a 500, and
 * nothing is created.
 */
class OversizedBodyWireTest {
  @RegisterExtension static final RunningFerry ferry = RunningFerry.perClass();

  @Test
  void aQueryFormOverOneMebibyte_is413RequestEntityTooLarge_andNoUserIsCreated() throws Exception {
    String form =
        "Action=CreateUser&Version=2010-05-08&UserName=big&Path=/" + "a".repeat(1 << 20) + "/";

    HttpResponse<String> created =
        send("iam", request(SdkHttpMethod.POST, "/", "application/x-www-form-urlencoded"), form);

    assertThat(created.statusCode()).isEqualTo(413);
    assertThat(created.body())
        .contains("<Code>RequestEntityTooLarge</Code>")
        .contains("The request body is larger than the 1048576 bytes this operation reads.");
    assertThat(ferry.iam("dev").listUsers().users()).extracting(User::userName).isEmpty();
  }

  @Test
  void aJsonBodyOverEightMebibytes_is413RequestEntityTooLargeException() throws Exception {
    String body = "{\"Description\":\"" + "a".repeat(8 << 20) + "\"}";

    HttpResponse<String> created =
        send(
            "kms",
            request(SdkHttpMethod.POST, "/", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService.CreateKey"),
            body);

    assertThat(created.statusCode()).isEqualTo(413);
    assertThat(created.body())
        .contains("RequestEntityTooLargeException")
        .contains("The request body is larger than the 8388608 bytes this operation reads.");
  }

  @Test
  void aCreateBucketBodyOver64KiB_isMaxMessageLengthExceeded_andNoBucketIsCreated()
      throws Exception {
    String body =
        "<CreateBucketConfiguration><LocationConstraint>"
            + " ".repeat(64 * 1024)
            + "</LocationConstraint></CreateBucketConfiguration>";

    HttpResponse<String> created =
        send("s3", request(SdkHttpMethod.PUT, "/big-configuration", "application/xml"), body);

    assertThat(created.statusCode()).isEqualTo(400);
    assertThat(created.body())
        .contains("<Code>MaxMessageLengthExceeded</Code>")
        .contains("Your request was too big: The request body is larger than the 65536 bytes");
    assertThat(ferry.s3("dev").listBuckets().buckets()).extracting(Bucket::name).isEmpty();
  }

  private static SdkHttpRequest.Builder request(
      SdkHttpMethod method, String path, String contentType) {
    return SdkHttpRequest.builder()
        .method(method)
        .uri(ferry.endpoint().resolve(path))
        .putHeader("Content-Type", contentType);
  }

  private static HttpResponse<String> send(
      String service, SdkHttpRequest.Builder request, String body) throws Exception {
    RootCredentials root = ferry.ferry().root("dev");
    return SignedHttp.send(
        SignedHttp.sign(
            service,
            request.build(),
            body.getBytes(StandardCharsets.UTF_8),
            AwsCredentialsIdentity.create(root.accessKeyId(), root.secretAccessKey())));
  }
}
