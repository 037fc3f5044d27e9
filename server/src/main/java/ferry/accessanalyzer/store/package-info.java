/** The policy generation jobs, per account. */
@NullMarked
package ferry.accessanalyzer.store;

import org.jspecify.annotations.NullMarked;
