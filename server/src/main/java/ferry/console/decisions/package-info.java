/** The decisions pages: the live list of authorization decisions and each one explained. */
@NullMarked
package ferry.console.decisions;

import org.jspecify.annotations.NullMarked;
