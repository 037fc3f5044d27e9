@NullMarked
package ferry.protocol;

import org.jspecify.annotations.NullMarked;
