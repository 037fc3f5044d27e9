@NullMarked
package ferry.authz;

import org.jspecify.annotations.NullMarked;
