/**
 * AWS Signature Version 4 (and S3's presigned SigV2): who signed a request, and whether its headers
 * and body are what was signed. Works on its own {@link ferry.auth.SignedRequest}, never on HTTP
 * server types.
 */
@NullMarked
package ferry.auth;

import org.jspecify.annotations.NullMarked;
