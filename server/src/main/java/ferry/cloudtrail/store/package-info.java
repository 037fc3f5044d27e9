/** CloudTrail events in the metadata database. */
@NullMarked
package ferry.cloudtrail.store;

import org.jspecify.annotations.NullMarked;
