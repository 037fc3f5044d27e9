@NullMarked
package ferry.iam;

import org.jspecify.annotations.NullMarked;
