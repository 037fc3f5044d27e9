/** CodePipeline's JSON 1.1 binding ({@code CodePipeline_20150709.<Op>}). */
@NullMarked
package ferry.codepipeline.wire;

import org.jspecify.annotations.NullMarked;
