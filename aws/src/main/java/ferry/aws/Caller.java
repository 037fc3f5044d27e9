package ferry.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything about who sent a request and how that authorization needs: the principal, the access
 * key that signed it, session tags and policies of a role session, where it came from and when, and
 * whether it came over TLS.
 *
 * @param accessKeyId the key that signed the request; empty for anonymous and internal callers
 * @param sessionPolicies JSON documents passed to AssumeRole as {@code Policy} or resolved from
 *     {@code PolicyArns}; they intersect the role's permissions
 * @param sessionTags principal tags of a role session ({@code aws:PrincipalTag/…})
 * @param sourceIp the client's address ({@code aws:SourceIp})
 * @param secureTransport whether the request came over TLS ({@code aws:SecureTransport})
 * @param region the region the request was signed for
 * @param viaService the service principal acting for the caller ({@code aws:CalledVia}), if any
 * @param sourceIdentity the source identity set when the role session was made ({@code
 *     aws:SourceIdentity}), if any
 * @param sessionCreated when the temporary credentials that signed the request were issued, if they
 *     are a session's (CloudTrail's {@code sessionContext.attributes.creationDate})
 */
public record Caller(
    Principal principal,
    String accessKeyId,
    List<String> sessionPolicies,
    Map<String, String> sessionTags,
    String sourceIp,
    boolean secureTransport,
    Instant requestTime,
    Region region,
    @Nullable String viaService,
    @Nullable String sourceIdentity,
    @Nullable Instant sessionCreated) {

  public Caller {
    sessionPolicies = List.copyOf(sessionPolicies);
    sessionTags = Map.copyOf(sessionTags);
  }

  /** A caller for code that acts inside Ferry, such as tests and the pipeline engine. */
  public static Caller of(Principal principal, Region region, Instant now) {
    return unsigned(principal, "127.0.0.1", true, now, region);
  }

  /** A caller with no access key behind it, such as an anonymous request's. */
  public static Caller unsigned(
      Principal principal,
      String sourceIp,
      boolean secureTransport,
      Instant requestTime,
      Region region) {
    return new Caller(
        principal,
        "",
        List.of(),
        Map.of(),
        sourceIp,
        secureTransport,
        requestTime,
        region,
        null,
        null,
        null);
  }

  /**
   * Another principal in this request's place (same address, transport, time and region), with no
   * key or session of its own: the anonymous reader of a website, a simulated principal.
   */
  public Caller as(Principal other) {
    return unsigned(other, sourceIp, secureTransport, requestTime, region);
  }

  public AccountId account() {
    return principal.account();
  }

  public String arn() {
    return principal.arn();
  }

  public boolean isAnonymous() {
    return principal instanceof Principal.Anonymous;
  }

  /** The same caller, with a service acting on its behalf (S3 calling KMS for SSE-KMS). */
  public Caller via(String service) {
    return new Caller(
        principal,
        accessKeyId,
        sessionPolicies,
        sessionTags,
        sourceIp,
        secureTransport,
        requestTime,
        region,
        service,
        sourceIdentity,
        sessionCreated);
  }

  public Caller withRegion(Region other) {
    return new Caller(
        principal,
        accessKeyId,
        sessionPolicies,
        sessionTags,
        sourceIp,
        secureTransport,
        requestTime,
        other,
        viaService,
        sourceIdentity,
        sessionCreated);
  }
}
