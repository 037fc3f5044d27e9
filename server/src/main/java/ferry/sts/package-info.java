@NullMarked
package ferry.sts;

import org.jspecify.annotations.NullMarked;
