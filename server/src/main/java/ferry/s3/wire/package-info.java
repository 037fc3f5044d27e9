@NullMarked
package ferry.s3.wire;

import org.jspecify.annotations.NullMarked;
