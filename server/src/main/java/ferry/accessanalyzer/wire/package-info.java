/** Access Analyzer's REST-JSON binding. */
@NullMarked
package ferry.accessanalyzer.wire;

import org.jspecify.annotations.NullMarked;
