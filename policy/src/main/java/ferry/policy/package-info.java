/**
 * The IAM policy language: parse and validate policy documents into compiled, immutable {@link
 * ferry.policy.Policy} values.
 */
@NullMarked
package ferry.policy;

import org.jspecify.annotations.NullMarked;
