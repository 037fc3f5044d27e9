package ferry.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against Ferry started in-process on a free loopback port, in a fresh
 * temporary data folder, and injects its endpoint, credentials and AWS SDK v2 clients:
 *
 * <pre>
 * &#64;Ferry
 * class DeployTest {
 *   &#64;Test
 *   void uploads(&#64;Account("dev") S3Client s3) { … }
 * }
 * </pre>
 *
 * @see FerryExtension for the same with {@code @RegisterExtension}
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FerryExtension.class)
public @interface Ferry {
  /**
   * The accounts, each {@code name=id} with a 12-digit id, e.g. {@code "dev=111111111111"}. None:
   * Ferry's defaults, dev (111111111111) and prod (222222222222).
   */
  String[] accounts() default {};

  /**
   * One Ferry for every class of the run that asks for a shared one with the same accounts, stopped
   * when the run ends; otherwise each class has its own, stopped after its tests.
   */
  boolean shared() default false;
}
