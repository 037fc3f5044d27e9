/** The pipeline pages: pipelines, their stages and actions running live, executions. */
@NullMarked
package ferry.console.pipeline;

import org.jspecify.annotations.NullMarked;
