/** Condition operators, wildcards and policy variables, one class per operator family. */
@NullMarked
package ferry.policy.condition;

import org.jspecify.annotations.NullMarked;
