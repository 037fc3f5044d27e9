/** CloudTrail's JSON 1.1 binding. */
@NullMarked
package ferry.cloudtrail.wire;

import org.jspecify.annotations.NullMarked;
