@NullMarked
package ferry.console;

import org.jspecify.annotations.NullMarked;
