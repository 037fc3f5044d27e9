@NullMarked
package ferry.store;

import org.jspecify.annotations.NullMarked;
