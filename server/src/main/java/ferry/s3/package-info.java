@NullMarked
package ferry.s3;

import org.jspecify.annotations.NullMarked;
