/** SSM Parameter Store: parameters, their versions and tags, SecureStrings encrypted by KMS. */
@NullMarked
package ferry.ssm;

import org.jspecify.annotations.NullMarked;
