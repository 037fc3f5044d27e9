package ferry.s3.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Asserts that an SDK call fails with an S3 error: its status, and its code and message text. */
final class S3ErrorAssert {
  private S3ErrorAssert() {}

  /**
   * The call fails with that status, and (when not null) that code and a message with that text.
   */
  static S3Exception assertS3Error(
      ThrowingCallable call, int status, @Nullable String code, @Nullable String message) {
    S3Exception error = catchThrowableOfType(S3Exception.class, call);
    assertThat(error).as("an S3 error").isNotNull();
    assertThat(error.statusCode()).as(error.getMessage()).isEqualTo(status);
    if (code != null) {
      assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
    }
    if (message != null) {
      assertThat(error.awsErrorDetails().errorMessage()).contains(message);
    }
    return error;
  }
}
