/** Browser-based uploads: the POST policy document and its conditions. */
@NullMarked
package ferry.s3.post;

import org.jspecify.annotations.NullMarked;
