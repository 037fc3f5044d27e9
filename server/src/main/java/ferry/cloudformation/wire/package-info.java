/** CloudFormation's query-protocol binding (API version 2010-05-15). */
@NullMarked
package ferry.cloudformation.wire;

import org.jspecify.annotations.NullMarked;
