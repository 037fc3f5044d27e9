/** KMS's JSON 1.1 binding ({@code X-Amz-Target: TrentService.<Op>}). */
@NullMarked
package ferry.kms.wire;

import org.jspecify.annotations.NullMarked;
