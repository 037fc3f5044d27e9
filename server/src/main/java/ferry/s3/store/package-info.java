@NullMarked
package ferry.s3.store;

import org.jspecify.annotations.NullMarked;
