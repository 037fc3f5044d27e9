package ferry.policy.eval;

import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.policy.condition.ConditionContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request to authorize: who asks, for which action on which resource, and the context keys
 * conditions read. Key names are case-insensitive.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html">Global
 *     condition context keys</a>
 */
public final class AuthorizationContext implements ConditionContext {
  private final RequestPrincipal principal;
  private final String action;
  private final String lowerAction;
  private final String resource;
  private final @Nullable String resourceAccount;
  private final @Nullable String canonicalUserId;
  private final Map<String, Key> keys;

  /** A context key as given: its name's first spelling, its values, whether it is multivalued. */
  private record Key(String name, List<String> values, boolean multivalued) {}

  /** Lower-case forms of the keys every request carries, so building a context allocates less. */
  private static final Map<String, String> LOWER =
      lowerCase(
          "aws:PrincipalArn",
          "aws:PrincipalAccount",
          "aws:PrincipalType",
          "aws:userid",
          "aws:username",
          "aws:PrincipalServiceName",
          "aws:ResourceAccount",
          "aws:SecureTransport",
          "aws:SourceIp",
          "aws:CurrentTime",
          "aws:EpochTime",
          "aws:RequestedRegion",
          "aws:ViaAWSService",
          "aws:PrincipalIsAWSService",
          "aws:TagKeys",
          "aws:MultiFactorAuthAge",
          "aws:MultiFactorAuthPresent",
          "aws:TokenIssueTime",
          "aws:UserAgent",
          "s3:x-amz-server-side-encryption",
          "s3:x-amz-server-side-encryption-aws-kms-key-id",
          "s3:x-amz-acl",
          "s3:prefix",
          "s3:delimiter",
          "s3:max-keys",
          "s3:authType",
          "s3:signatureversion",
          "s3:x-amz-content-sha256",
          "s3:ResourceAccount",
          "kms:CallerAccount",
          "kms:ViaService",
          "sts:RoleSessionName");

  private static Map<String, String> lowerCase(String... names) {
    Map<String, String> out = new HashMap<>();
    for (String n : names) {
      out.put(n, n.toLowerCase(Locale.ROOT));
    }
    return Map.copyOf(out);
  }

  private static String lower(String name) {
    String known = LOWER.get(name);
    return known != null ? known : name.toLowerCase(Locale.ROOT);
  }

  private AuthorizationContext(Builder b) {
    this.principal = b.principal;
    this.action = b.action;
    this.lowerAction = b.action.toLowerCase(Locale.ROOT);
    this.resource = b.resource;
    this.resourceAccount = b.resourceAccount;
    this.canonicalUserId = b.canonicalUserId;
    // The builder hands its map over and copies it before any later change (see Builder.keys()).
    this.keys = Collections.unmodifiableMap(b.keys);
    b.shared = true;
  }

  /** A request by a principal as the engine sees it. */
  public static Builder builder(RequestPrincipal principal, String action, String resource) {
    return new Builder(principal, action, resource);
  }

  /** A request by a principal, with the keys derived from the principal. */
  public static Builder builder(Principal principal, String action, String resource) {
    return new Builder(RequestPrincipal.of(principal), action, resource);
  }

  /**
   * A request by a caller, with the keys every signed request carries: the principal's keys, {@code
   * aws:SecureTransport}, {@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:EpochTime},
   * {@code aws:RequestedRegion}, {@code aws:ViaAWSService}, {@code aws:PrincipalIsAWSService} and
   * the session's tags as {@code aws:PrincipalTag/…} and its {@code aws:SourceIdentity}.
   */
  public static Builder forCaller(Caller caller, String action, String resource) {
    Builder b = builder(caller.principal(), action, resource);
    b.key("aws:SecureTransport", Boolean.toString(caller.secureTransport()));
    if (!caller.sourceIp().isEmpty()) {
      b.key("aws:SourceIp", caller.sourceIp());
    }
    b.time(caller.requestTime());
    b.key("aws:RequestedRegion", caller.region().name());
    b.key("aws:ViaAWSService", Boolean.toString(caller.viaService() != null));
    b.key(
        "aws:PrincipalIsAWSService",
        Boolean.toString(caller.principal() instanceof Principal.ServicePrincipal));
    b.principalTags(caller.sessionTags());
    if (caller.sourceIdentity() != null) {
      b.key("aws:SourceIdentity", caller.sourceIdentity());
    }
    return b;
  }

  public RequestPrincipal principal() {
    return principal;
  }

  /** The action, e.g. {@code s3:GetObject}. */
  public String action() {
    return action;
  }

  /** The action in lower case, as policies match it. */
  public String lowerAction() {
    return lowerAction;
  }

  /** The resource ARN, or {@code *} for actions on no particular resource. */
  public String resource() {
    return resource;
  }

  /**
   * The account that owns the resource; null when unknown, which the evaluator treats as the
   * principal's own account.
   */
  public @Nullable String resourceAccount() {
    return resourceAccount;
  }

  /** The S3 canonical user id of the principal's account, if the service gave it. */
  public @Nullable String canonicalUserId() {
    return canonicalUserId;
  }

  /** Whether principal and resource are in the same account. */
  public boolean sameAccount() {
    return resourceAccount == null
        || principal.account() == null
        || resourceAccount.equals(principal.account());
  }

  /** The context keys, by their name as first given. */
  public Map<String, List<String>> keys() {
    Map<String, List<String>> out = new HashMap<>();
    keys.values().forEach(k -> out.put(k.name(), k.values()));
    return out;
  }

  @Override
  public @Nullable List<String> values(String lowerCaseKey) {
    Key key = keys.get(lowerCaseKey);
    return key == null ? null : key.values();
  }

  @Override
  public boolean isMultivalued(String lowerCaseKey) {
    Key key = keys.get(lowerCaseKey);
    return key != null && key.multivalued();
  }

  @Override
  public String toString() {
    return principal.arn() + " " + action + " " + resource + " " + keys();
  }

  /** Builds a context; keys set later replace keys of the same name set earlier. */
  public static final class Builder {
    private final RequestPrincipal principal;
    private final String action;
    private final String resource;
    private @Nullable String resourceAccount;
    private @Nullable String canonicalUserId;
    private Map<String, Key> keys = new HashMap<>(32);
    private boolean shared;

    /** The builder's keys, copied first if a context built earlier holds them. */
    private Map<String, Key> keys() {
      if (shared) {
        keys = new HashMap<>(keys);
        shared = false;
      }
      return keys;
    }

    private Builder(RequestPrincipal principal, String action, String resource) {
      this.principal = principal;
      this.action = action;
      this.resource = resource;
      principalKeys();
    }

    private void principalKeys() {
      String principalArn = principal.principalArn();
      if (principalArn != null) {
        key("aws:PrincipalArn", principalArn);
      }
      if (principal.account() != null) {
        key("aws:PrincipalAccount", principal.account());
      } else if (principal.type() == RequestPrincipal.Type.ANONYMOUS) {
        key("aws:PrincipalAccount", "anonymous");
      }
      key("aws:PrincipalType", principal.type().principalType());
      key("aws:userid", principal.userId());
      if (principal.type() == RequestPrincipal.Type.IAM_USER && principal.name() != null) {
        key("aws:username", principal.name());
      }
      if (principal.type() == RequestPrincipal.Type.SERVICE) {
        key("aws:PrincipalServiceName", principal.arn());
      }
    }

    /** The account that owns the resource; also sets {@code aws:ResourceAccount}. */
    public Builder resourceAccount(@Nullable String account) {
      this.resourceAccount = account;
      if (account != null) {
        key("aws:ResourceAccount", account);
      } else {
        remove("aws:ResourceAccount");
      }
      return this;
    }

    /**
     * The S3 canonical user id of the principal's account, so that a bucket policy's {@code
     * CanonicalUser} principal can name it.
     */
    public Builder canonicalUserId(@Nullable String id) {
      this.canonicalUserId = id;
      return this;
    }

    /** Sets a single-valued key. */
    public Builder key(String name, String value) {
      keys().put(lower(name), new Key(name, List.of(value), false));
      return this;
    }

    /** Sets a multivalued key ({@code ArrayOfString}, e.g. {@code aws:TagKeys}). */
    public Builder multivaluedKey(String name, List<String> values) {
      keys().put(lower(name), new Key(name, List.copyOf(values), true));
      return this;
    }

    /** Removes a key, so the request does not carry it. */
    public Builder remove(String name) {
      keys().remove(lower(name));
      return this;
    }

    /** Sets single-valued keys. */
    public Builder keys(Map<String, String> values) {
      values.forEach(this::key);
      return this;
    }

    /** Sets {@code aws:PrincipalTag/<key>} for each tag of the principal or session. */
    public Builder principalTags(Map<String, String> tags) {
      tags.forEach((k, v) -> key("aws:PrincipalTag/" + k, v));
      return this;
    }

    /** Sets {@code aws:CurrentTime} and {@code aws:EpochTime}. */
    public Builder time(Instant now) {
      key("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(now));
      key("aws:EpochTime", Long.toString(now.getEpochSecond()));
      return this;
    }

    public AuthorizationContext build() {
      return new AuthorizationContext(this);
    }
  }
}
