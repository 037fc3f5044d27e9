@NullMarked
package ferry.authz.store;

import org.jspecify.annotations.NullMarked;
