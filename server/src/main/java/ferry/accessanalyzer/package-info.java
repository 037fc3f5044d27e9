/** IAM Access Analyzer's policy generation, from Ferry's own CloudTrail event history. */
@NullMarked
package ferry.accessanalyzer;

import org.jspecify.annotations.NullMarked;
