/** EventBridge's JSON 1.1 binding ({@code AWSEvents.<Op>}). */
@NullMarked
package ferry.events.wire;

import org.jspecify.annotations.NullMarked;
