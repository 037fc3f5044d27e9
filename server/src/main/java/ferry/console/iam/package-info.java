@NullMarked
package ferry.console.iam;

import org.jspecify.annotations.NullMarked;
