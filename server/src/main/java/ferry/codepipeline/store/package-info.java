/** Pipelines, their versions and executions in the metadata database. */
@NullMarked
package ferry.codepipeline.store;

import org.jspecify.annotations.NullMarked;
