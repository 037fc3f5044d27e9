package ferry.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** More {@code ferry serve} options for a {@link FerryPerClass} test class's Ferry. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ServeOptions {
  String[] value();
}
