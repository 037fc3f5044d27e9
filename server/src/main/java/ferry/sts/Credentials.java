package ferry.sts;

import java.time.Instant;

/** Temporary security credentials: an ASIA… key id, its secret, the session token, the expiry. */
public record Credentials(
    String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {}
