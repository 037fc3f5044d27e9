@NullMarked
package ferry.console.s3;

import org.jspecify.annotations.NullMarked;
