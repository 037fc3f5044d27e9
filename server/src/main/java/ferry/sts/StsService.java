package ferry.sts;

import ferry.authz.AccessRequest;
import ferry.authz.Authorizer;
import ferry.authz.ResourcePolicy;
import ferry.authz.Verdict;
import ferry.aws.Caller;
import ferry.aws.Principal;
import ferry.aws.Region;
import ferry.iam.AccessKeys;
import ferry.iam.IamErrors;
import ferry.iam.IamService;
import ferry.iam.Role;
import ferry.policy.PolicyKind;
import ferry.policy.PolicyParser;
import ferry.policy.PolicyValidationException;
import ferry.sts.store.SessionRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AWS Security Token Service: who is calling, role sessions (AssumeRole, for callers and for
 * Ferry's own services acting as an AWS service principal) and session tokens.
 *
 * @see <a href="https://docs.aws.amazon.com/STS/latest/APIReference/">STS API reference</a>
 */
public final class StsService {
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
  private static final int DEFAULT_DURATION = 3600;
  private static final int MIN_DURATION = 900;
  private static final int MAX_DURATION = 43_200;
  private static final int CHAINED_MAX_DURATION = 3600;
  private static final int MAX_USER_SESSION = 129_600;
  private static final int MAX_SESSION_POLICY_ARNS = 10;
  private static final int MAX_SESSION_TAGS = 50;
  private static final int PACKED_LIMIT = 2_048;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IamService iam;
  private final SessionRepository sessions;
  private final Authorizer authorizer;
  private final PolicyParser parser;
  private final Clock clock;

  public StsService(
      IamService iam,
      SessionRepository sessions,
      Authorizer authorizer,
      PolicyParser parser,
      Clock clock) {
    this.iam = iam;
    this.sessions = sessions;
    this.authorizer = authorizer;
    this.parser = parser;
    this.clock = clock;
  }

  /**
   * Who the caller is. Like AWS, this needs no permission: it answers even when every policy
   * denies.
   *
   * @see <a
   *     href="https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html">GetCallerIdentity</a>
   */
  public CallerIdentity getCallerIdentity(Caller caller) {
    if (caller.principal() instanceof Principal.Anonymous
        || caller.principal() instanceof Principal.ServicePrincipal) {
      throw IamErrors.missingAuthentication();
    }
    return new CallerIdentity(
        caller.account().value(), caller.principal().arn(), caller.principal().userId());
  }

  /**
   * A session of the role, if its trust policy allows the caller (and, for a caller from another
   * account, the caller's own policies allow sts:AssumeRole on the role).
   */
  public AssumeRoleResult assumeRole(Caller caller, AssumeRoleRequest request) {
    validate(request);
    if (caller.principal() instanceof Principal.AccountRoot) {
      throw StsErrors.accessDenied("Roles may not be assumed by root accounts.");
    }
    if (caller.principal() instanceof Principal.Anonymous) {
      throw StsErrors.accessDenied("Anonymous callers may not assume roles.");
    }
    return createSession(caller, request);
  }

  /**
   * What an AWS service does to act as a role: the role's trust policy must allow {@code
   * servicePrincipal} (such as {@code codepipeline.amazonaws.com}); returns the new session's
   * caller. Only Ferry's own services reach this: no request on the wire can claim a service
   * principal.
   */
  public Caller assumeRoleAsService(
      String servicePrincipal, String roleArn, String sessionName, Region region) {
    return assumeRoleAsService(servicePrincipal, AssumeRoleRequest.of(roleArn, sessionName), region)
        .caller();
  }

  /**
   * {@link #assumeRoleAsService(String, String, String, Region)} with every AssumeRole parameter,
   * returning the session's credentials too, as a service that hands them on needs them.
   */
  public AssumeRoleResult assumeRoleAsService(
      String servicePrincipal, AssumeRoleRequest request, Region region) {
    Caller service =
        Caller.of(new Principal.ServicePrincipal(servicePrincipal), region, clock.instant());
    validate(request);
    return createSession(service, request);
  }

  /**
   * Temporary credentials for the calling user or root user, for use with MFA or short-lived tools.
   *
   * @param durationSeconds 900 to 129600 (36 hours) for users, at most 3600 for the root user
   */
  public Credentials getSessionToken(Caller caller, @Nullable Integer durationSeconds) {
    int max =
        caller.principal() instanceof Principal.AccountRoot ? DEFAULT_DURATION : MAX_USER_SESSION;
    int duration = durationSeconds == null ? Math.min(max, 43_200) : durationSeconds;
    if (duration < MIN_DURATION) {
      throw StsErrors.constraint(
          "durationSeconds",
          Integer.toString(duration),
          "Member must have value greater than or equal to " + MIN_DURATION);
    }
    if (duration > MAX_USER_SESSION) {
      throw StsErrors.constraint(
          "durationSeconds",
          Integer.toString(duration),
          "Member must have value less than or equal to " + MAX_USER_SESSION);
    }
    switch (caller.principal()) {
      case Principal.IamUser user -> {}
      case Principal.AccountRoot root -> duration = Math.min(duration, max);
      default ->
          throw StsErrors.accessDenied("Cannot call GetSessionToken with session credentials");
    }
    Instant now = clock.instant();
    Credentials credentials = newCredentials(now.plusSeconds(duration));
    sessions.insert(
        new Session(credentials, caller.principal(), List.of(), Map.of(), false, null, now));
    return credentials;
  }

  /**
   * What AssumeRole asks the authorizer, before session tags, a source identity or an external id
   * add their keys: sts:AssumeRole on the role under its trust policy.
   */
  public static AccessRequest assumeRoleRequest(Role role, String roleSessionName) {
    return AccessRequest.of("sts:AssumeRole", role.arn(), role.account())
        .withResourcePolicy(
            new ResourcePolicy(
                "trust policy of role " + role.name(),
                role.trustPolicy(),
                ResourcePolicy.Kind.TRUST_POLICY))
        .withContext("sts:RoleSessionName", roleSessionName);
  }

  private AssumeRoleResult createSession(Caller caller, AssumeRoleRequest request) {
    Role role = iam.roles().findRole(request.roleArn());
    if (role == null) {
      // AWS does not tell a caller whether a role it may not assume exists.
      throw StsErrors.accessDenied(
          "User: "
              + caller.arn()
              + " is not authorized to perform: sts:AssumeRole on resource: "
              + request.roleArn());
    }
    AccessRequest access = assumeRoleRequest(role, request.roleSessionName());
    if (request.externalId() != null) {
      access = access.withContext("sts:ExternalId", request.externalId());
    }
    String sourceIdentity = sourceIdentity(caller, request);
    if (sourceIdentity != null) {
      access = access.withContext("sts:SourceIdentity", sourceIdentity);
    }
    if (!request.tags().isEmpty()) {
      for (var tag : request.tags().entrySet()) {
        access = access.withContext("aws:RequestTag/" + tag.getKey(), tag.getValue());
      }
      access = access.withContext("aws:TagKeys", request.tags().keySet().toArray(String[]::new));
    }
    Verdict verdict = authorizer.authorize(caller, access);
    if (!verdict.allowed()) {
      throw StsErrors.accessDenied(verdict);
    }
    AssumeRoleResult result = null;
    try {
      result = createAllowedSession(caller, request, role, access, sourceIdentity);
      return result;
    } finally {
      // The audit trail's record of an AssumeRole made inside Ferry carries its answer too.
      authorizer.answered(
          caller,
          access,
          result == null
              ? null
              : result.trailElements(
                  request.policy() != null
                      || !request.policyArns().isEmpty()
                      || !request.tags().isEmpty()));
    }
  }

  private AssumeRoleResult createAllowedSession(
      Caller caller,
      AssumeRoleRequest request,
      Role role,
      AccessRequest access,
      @Nullable String sourceIdentity) {
    if (!request.tags().isEmpty()) {
      // Session tags need their own grant, in the trust policy (and, across accounts, the
      // caller's policies), besides sts:AssumeRole.
      Verdict tagging = authorizer.authorize(caller, access.withAction("sts:TagSession"));
      if (!tagging.allowed()) {
        throw StsErrors.accessDenied(tagging);
      }
    }
    if (sourceIdentity != null) {
      // Setting a source identity, or carrying one on to a chained session, is a grant of its own.
      Verdict setting = authorizer.authorize(caller, access.withAction("sts:SetSourceIdentity"));
      if (!setting.allowed()) {
        throw StsErrors.accessDenied(setting);
      }
    }
    boolean chained = caller.principal() instanceof Principal.AssumedRole;
    int duration = duration(request, role, chained);
    List<String> sessionPolicies = sessionPolicies(request);

    Instant now = clock.instant();
    var principal =
        new Principal.AssumedRole(
            role.account(), role.path(), role.name(), role.roleId(), request.roleSessionName());
    // Session tags override the role's own tags of the same key.
    Map<String, String> tags = new LinkedHashMap<>(role.tags());
    tags.putAll(request.tags());
    Credentials credentials = newCredentials(now.plusSeconds(duration));
    sessions.insert(
        new Session(credentials, principal, sessionPolicies, tags, chained, sourceIdentity, now));
    var sessionCaller =
        new Caller(
            principal,
            credentials.accessKeyId(),
            sessionPolicies,
            tags,
            "127.0.0.1",
            true,
            now,
            caller.region(),
            null,
            sourceIdentity,
            now);
    return new AssumeRoleResult(
        credentials,
        new AssumedRoleUser(principal.arn(), principal.userId()),
        packedSize(request),
        sourceIdentity,
        sessionCaller);
  }

  /**
   * The new session's source identity: the one asked for, or the one the caller's session carries,
   * which no later session may change.
   */
  private static @Nullable String sourceIdentity(Caller caller, AssumeRoleRequest request) {
    String carried = caller.sourceIdentity();
    String asked = request.sourceIdentity();
    if (carried != null && asked != null && !carried.equals(asked)) {
      throw StsErrors.accessDenied(
          "User: "
              + caller.arn()
              + " cannot change the source identity "
              + carried
              + " of its session to "
              + asked);
    }
    return asked != null ? asked : carried;
  }

  private static int duration(AssumeRoleRequest request, Role role, boolean chained) {
    Integer asked = request.durationSeconds();
    if (asked == null) {
      return DEFAULT_DURATION;
    }
    if (chained && asked > CHAINED_MAX_DURATION) {
      throw StsErrors.validation(
          "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
              + " role chaining.");
    }
    if (asked > role.maxSessionDuration()) {
      throw StsErrors.validation(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    }
    return asked;
  }

  private List<String> sessionPolicies(AssumeRoleRequest request) {
    List<String> documents = new ArrayList<>();
    String inline = request.policy();
    if (inline != null) {
      try {
        parser.parse(inline, PolicyKind.SESSION);
      } catch (PolicyValidationException e) {
        if (e.tooLarge()) {
          throw StsErrors.packedPolicyTooLarge(packedSize(request));
        }
        throw StsErrors.malformedPolicy(e.awsMessage());
      }
      documents.add(inline);
    }
    for (String arn : request.policyArns()) {
      String document = iam.managedPolicies().policyDocument(arn);
      if (document == null) {
        throw StsErrors.malformedPolicy("Policy " + arn + " does not exist or is not attachable.");
      }
      documents.add(document);
    }
    if (packedSize(request) > 100) {
      throw StsErrors.packedPolicyTooLarge(packedSize(request));
    }
    return documents;
  }

  /** How much of the allowed packed size the inline policy, policy ARNs and tags use, in %. */
  private static int packedSize(AssumeRoleRequest request) {
    int size = request.policy() == null ? 0 : PolicyParser.size(request.policy());
    for (String arn : request.policyArns()) {
      size += arn.length();
    }
    for (var tag : request.tags().entrySet()) {
      size += tag.getKey().length() + tag.getValue().length();
    }
    return (int) Math.ceil(size * 100.0 / PACKED_LIMIT);
  }

  private static void validate(AssumeRoleRequest request) {
    String arn = request.roleArn();
    if (arn.length() < 20 || arn.length() > 2048) {
      throw StsErrors.constraint(
          "roleArn",
          arn,
          arn.length() < 20
              ? "Member must have length greater than or equal to 20"
              : "Member must have length less than or equal to 2048");
    }
    String name = request.roleSessionName();
    if (name.length() < 2 || name.length() > 64) {
      throw StsErrors.constraint(
          "roleSessionName",
          name,
          name.length() < 2
              ? "Member must have length greater than or equal to 2"
              : "Member must have length less than or equal to 64");
    }
    if (!SESSION_NAME.matcher(name).matches()) {
      throw StsErrors.constraint(
          "roleSessionName", name, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    String externalId = request.externalId();
    if (externalId != null) {
      if (externalId.length() < 2 || externalId.length() > 1224) {
        throw StsErrors.constraint(
            "externalId",
            externalId,
            externalId.length() < 2
                ? "Member must have length greater than or equal to 2"
                : "Member must have length less than or equal to 1224");
      }
      if (!EXTERNAL_ID.matcher(externalId).matches()) {
        throw StsErrors.constraint(
            "externalId",
            externalId,
            "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
      }
    }
    String sourceIdentity = request.sourceIdentity();
    if (sourceIdentity != null) {
      if (sourceIdentity.length() < 2 || sourceIdentity.length() > 64) {
        throw StsErrors.constraint(
            "sourceIdentity",
            sourceIdentity,
            sourceIdentity.length() < 2
                ? "Member must have length greater than or equal to 2"
                : "Member must have length less than or equal to 64");
      }
      if (!SESSION_NAME.matcher(sourceIdentity).matches()) {
        throw StsErrors.constraint(
            "sourceIdentity",
            sourceIdentity,
            "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
      }
    }
    Integer duration = request.durationSeconds();
    if (duration != null && (duration < MIN_DURATION || duration > MAX_DURATION)) {
      throw StsErrors.constraint(
          "durationSeconds",
          duration.toString(),
          duration < MIN_DURATION
              ? "Member must have value greater than or equal to " + MIN_DURATION
              : "Member must have value less than or equal to " + MAX_DURATION);
    }
    if (request.policyArns().size() > MAX_SESSION_POLICY_ARNS) {
      throw StsErrors.constraint(
          "policyArns",
          request.policyArns().toString(),
          "Member must have length less than or equal to " + MAX_SESSION_POLICY_ARNS);
    }
    if (request.tags().size() > MAX_SESSION_TAGS) {
      throw StsErrors.constraint(
          "tags",
          request.tags().toString(),
          "Member must have length less than or equal to " + MAX_SESSION_TAGS);
    }
    for (var tag : request.tags().entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > 128) {
        throw StsErrors.constraint(
            "tags.key", tag.getKey(), "Member must have length between 1 and 128");
      }
      if (tag.getValue().length() > 256) {
        throw StsErrors.constraint(
            "tags.value", tag.getValue(), "Member must have length less than or equal to 256");
      }
    }
  }

  private static Credentials newCredentials(Instant expiration) {
    byte[] token = new byte[96];
    RANDOM.nextBytes(token);
    return new Credentials(
        AccessKeys.newTemporaryId(),
        AccessKeys.newSecret(),
        Base64.getEncoder().encodeToString(token),
        expiration);
  }
}
