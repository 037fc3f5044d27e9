/** SSM's JSON 1.1 binding: {@code X-Amz-Target: AmazonSSM.<Operation>}. */
@NullMarked
package ferry.ssm.wire;

import org.jspecify.annotations.NullMarked;
