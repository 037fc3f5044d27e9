@NullMarked
package ferry.http;

import org.jspecify.annotations.NullMarked;
