/** JMH benchmarks; run by hand, never part of the test run. */
@NullMarked
package ferry.bench;

import org.jspecify.annotations.NullMarked;
