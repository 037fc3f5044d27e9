@NullMarked
package ferry.protocol.json;

import org.jspecify.annotations.NullMarked;
