/** The execution engine: durable executions, stages in order, actions by runOrder, recovery. */
@NullMarked
package ferry.codepipeline.engine;

import org.jspecify.annotations.NullMarked;
