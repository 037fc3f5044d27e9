package ferry.console.web;

import org.jspecify.annotations.Nullable;

/**
 * The sign-in page: an error when a key pair did not sign in, a notice when a session ended, and
 * the access key id to fill in again (never the secret).
 */
public record SignInForm(@Nullable String error, @Nullable String notice, String accessKeyId) {
  static final SignInForm EMPTY = new SignInForm(null, null, "");

  static final SignInForm SIGNED_OUT =
      new SignInForm(
          null, "You are signed out: the session has ended or is not valid. Sign in again.", "");
}
