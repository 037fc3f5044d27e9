package ferry.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a client, credentials provider or {@link AwsClients} of a new session of a role, assumed
 * through STS at injection time as {@link LocalFerry#assumeRole} does: {@code @AssumedRole(account
 * = "dev", role = "deployer") S3Client s3}. The role and its trust policy must exist by then, e.g.
 * created in {@code @BeforeAll}.
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AssumedRole {
  /** The account, by name, whose user {@value LocalFerry#ASSUMER} assumes the role. */
  String account();

  /** The role's name in that account, or its ARN (another account's role, for one). */
  String role();
}
