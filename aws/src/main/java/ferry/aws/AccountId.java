package ferry.aws;

import java.util.regex.Pattern;

/** A twelve-digit AWS account id. */
public record AccountId(String value) implements Comparable<AccountId> {
  private static final Pattern DIGITS = Pattern.compile("\\d{12}");

  public AccountId {
    if (!DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException("An account id is 12 digits, not '" + value + "'");
    }
  }

  public static AccountId of(String value) {
    return new AccountId(value);
  }

  public static boolean isValid(String value) {
    return DIGITS.matcher(value).matches();
  }

  /** The ARN of the account's root user, {@code arn:aws:iam::ID:root}. */
  public String rootArn() {
    return "arn:aws:iam::" + value + ":root";
  }

  @Override
  public int compareTo(AccountId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
