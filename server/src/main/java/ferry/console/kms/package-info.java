@NullMarked
package ferry.console.kms;

import org.jspecify.annotations.NullMarked;
