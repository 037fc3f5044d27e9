@NullMarked
package ferry.protocol.restxml;

import org.jspecify.annotations.NullMarked;
