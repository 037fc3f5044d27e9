/** EventBridge rules and targets in the metadata database. */
@NullMarked
package ferry.events.store;

import org.jspecify.annotations.NullMarked;
