/** The words every layer of Ferry speaks: accounts, ARNs, principals, callers and AWS errors. */
@NullMarked
package ferry.aws;

import org.jspecify.annotations.NullMarked;
