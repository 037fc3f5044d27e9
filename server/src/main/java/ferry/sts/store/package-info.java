@NullMarked
package ferry.sts.store;

import org.jspecify.annotations.NullMarked;
