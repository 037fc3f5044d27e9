package ferry.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ferry.aws.AwsException;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a call fails with an AWS error of a given code; then on its message. */
public final class AwsErrorAssert {
  private AwsErrorAssert() {}

  public static AbstractStringAssert<?> assertAwsError(ThrowingCallable call, String code) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(AwsException.class);
    AwsException error = (AwsException) thrown;
    assertThat(error.code()).as("error code of: %s", error.getMessage()).isEqualTo(code);
    return assertThat(error.getMessage());
  }
}
