/**
 * The console's access map: who can reach what across Ferry's accounts, decided by the authorizer
 * from the stored policies, and drawn as SVG.
 */
@NullMarked
package ferry.console.accessmap;

import org.jspecify.annotations.NullMarked;
