@NullMarked
package ferry.sts.wire;

import org.jspecify.annotations.NullMarked;
