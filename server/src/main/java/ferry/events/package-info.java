/** Amazon EventBridge: rules on the default event bus, event patterns, targets and delivery. */
@NullMarked
package ferry.events;

import org.jspecify.annotations.NullMarked;
