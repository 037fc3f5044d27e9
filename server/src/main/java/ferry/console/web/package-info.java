@NullMarked
package ferry.console.web;

import org.jspecify.annotations.NullMarked;
