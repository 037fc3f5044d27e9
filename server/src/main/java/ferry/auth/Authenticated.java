package ferry.auth;

import ferry.aws.Principal;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A request whose signature holds: the credential that signed it (null for an anonymous request),
 * the scope it was signed for, and its body, wrapped so that what streams out is what was signed
 * (hash checked at the end, aws-chunked framing removed and chunk signatures checked).
 *
 * @param decodedLength the body's length once decoded, or -1 when unknown
 */
public record Authenticated(
    @Nullable StoredCredential credential,
    @Nullable CredentialScope scope,
    InputStream body,
    long decodedLength,
    @Nullable ChunkedPayload chunked) {

  public Principal principal() {
    return credential == null ? new Principal.Anonymous() : credential.principal();
  }
}
