@NullMarked
package ferry.protocol.query;

import org.jspecify.annotations.NullMarked;
