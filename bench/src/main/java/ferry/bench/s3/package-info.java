/** The S3 load harness that bench/s3-load/run.sh runs against Ferry and its peers. */
@NullMarked
package ferry.bench.s3;

import org.jspecify.annotations.NullMarked;
