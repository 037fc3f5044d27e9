/**
 * AWS Key Management Service: symmetric keys with key policies, aliases, grants, multi-Region keys,
 * AWS managed keys and envelope encryption with AES-256-GCM.
 */
@NullMarked
package ferry.kms;

import org.jspecify.annotations.NullMarked;
