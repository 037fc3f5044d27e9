@NullMarked
package ferry.iam.wire;

import org.jspecify.annotations.NullMarked;
