/** Action providers: S3 source, S3 deploy, manual approval. */
@NullMarked
package ferry.codepipeline.action;

import org.jspecify.annotations.NullMarked;
