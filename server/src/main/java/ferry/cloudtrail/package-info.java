/** CloudTrail: the record of every call (management and data events) and its event history. */
@NullMarked
package ferry.cloudtrail;

import org.jspecify.annotations.NullMarked;
