/** KMS keys, aliases and grants in the metadata database. */
@NullMarked
package ferry.kms.store;

import org.jspecify.annotations.NullMarked;
