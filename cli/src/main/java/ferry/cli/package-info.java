@NullMarked
package ferry.cli;

import org.jspecify.annotations.NullMarked;
