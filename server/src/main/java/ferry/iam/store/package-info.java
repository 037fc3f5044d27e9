@NullMarked
package ferry.iam.store;

import org.jspecify.annotations.NullMarked;
