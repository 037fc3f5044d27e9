/** Evaluation of a request against the policies that apply to it, with explanations. */
@NullMarked
package ferry.policy.eval;

import org.jspecify.annotations.NullMarked;
