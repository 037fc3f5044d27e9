package ferry.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which account's root credentials an injected client, credentials provider or {@link AwsClients}
 * uses, by the account's name: {@code @Account("prod") S3Client s3}. Without it, the first account.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Account {
  String value();
}
