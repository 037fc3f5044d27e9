@NullMarked
package ferry.console.overview;

import org.jspecify.annotations.NullMarked;
