@NullMarked
package ferry.console.store;

import org.jspecify.annotations.NullMarked;
