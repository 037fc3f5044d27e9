package ferry.console.web;

import ferry.auth.StoredCredential;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A signed-in console session: the credential it acts with, the token every form must carry, when
 * it ends, and for a switched role the credential to switch back to.
 */
public record ConsoleSession(
    String id,
    String csrfToken,
    StoredCredential credential,
    Instant expires,
    @Nullable StoredCredential switchedFrom) {}
