/** S3's static website endpoint: browsers' anonymous GET and HEAD, answered in HTML. */
@NullMarked
package ferry.s3.wire.website;

import org.jspecify.annotations.NullMarked;
