@NullMarked
package ferry.app;

import org.jspecify.annotations.NullMarked;
