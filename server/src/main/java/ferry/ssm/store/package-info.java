/** SSM's tables: parameter versions (V90) and parameter tags (V91). */
@NullMarked
package ferry.ssm.store;

import org.jspecify.annotations.NullMarked;
