/** AWS CodePipeline: pipeline declarations, their validation, and the operations on them. */
@NullMarked
package ferry.codepipeline;

import org.jspecify.annotations.NullMarked;
