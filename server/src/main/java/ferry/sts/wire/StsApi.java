package ferry.sts.wire;

import ferry.authz.ResponseElements;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryApi;
import ferry.protocol.query.QueryOperation;
import ferry.protocol.query.QueryParameters;
import ferry.sts.AssumeRoleRequest;
import ferry.sts.AssumeRoleResult;
import ferry.sts.CallerIdentity;
import ferry.sts.Credentials;
import ferry.sts.StsErrors;
import ferry.sts.StsService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** STS's query-protocol binding. */
public final class StsApi extends QueryApi {
  /** The sign-ins whose proof is the SAML assertion or web identity token, not a signature. */
  private static final Set<String> UNSIGNED =
      Set.of("AssumeRoleWithSAML", "AssumeRoleWithWebIdentity");

  private final StsService sts;
  private final Map<String, QueryOperation> operations;

  public StsApi(StsService sts) {
    super("sts", "2011-06-15");
    this.sts = sts;
    this.operations =
        Map.of(
            "GetCallerIdentity", this::getCallerIdentity,
            "AssumeRole", this::assumeRole,
            "GetSessionToken", this::getSessionToken);
  }

  @Override
  protected Map<String, QueryOperation> operations() {
    return operations;
  }

  @Override
  protected Set<String> unsignedActions() {
    return UNSIGNED;
  }

  private Xml getCallerIdentity(QueryParameters parameters, ApiRequest request) {
    CallerIdentity identity = sts.getCallerIdentity(request.caller());
    return Xml.fragment()
        .element("UserId", identity.userId())
        .element("Account", identity.account())
        .element("Arn", identity.arn());
  }

  private Xml assumeRole(QueryParameters parameters, ApiRequest request) {
    // MFA, transitive tags and trusted contexts would each change who may assume the role or what
    // the session carries on; Ferry enforces none of them yet.
    refuse(
        parameters,
        "AssumeRole",
        "SerialNumber",
        "TokenCode",
        "TransitiveTagKeys",
        "ProvidedContexts");
    Map<String, String> tags = new LinkedHashMap<>();
    for (Map<String, String> tag : parameters.structures("Tags")) {
      tags.put(tag.getOrDefault("Key", ""), tag.getOrDefault("Value", ""));
    }
    var assume =
        new AssumeRoleRequest(
            parameters.required("RoleArn"),
            parameters.required("RoleSessionName"),
            parameters.optionalInt("DurationSeconds"),
            parameters.optional("Policy"),
            parameters.structures("PolicyArns").stream()
                .map(arn -> arn.getOrDefault("arn", ""))
                .toList(),
            tags,
            parameters.optional("ExternalId"),
            parameters.optional("SourceIdentity"));
    AssumeRoleResult result = sts.assumeRole(request.caller(), assume);
    Xml xml = credentials(result.credentials());
    xml.open("AssumedRoleUser")
        .element("AssumedRoleId", result.assumedRoleUser().assumedRoleId())
        .element("Arn", result.assumedRoleUser().arn())
        .close("AssumedRoleUser");
    if (assume.policy() != null || !assume.policyArns().isEmpty() || !tags.isEmpty()) {
      xml.element("PackedPolicySize", result.packedPolicySize());
    }
    if (result.sourceIdentity() != null) {
      xml.element("SourceIdentity", result.sourceIdentity());
    }
    Map<String, Object> elements =
        result.trailElements(
            assume.policy() != null || !assume.policyArns().isEmpty() || !tags.isEmpty());
    ResponseElements.note(elements);
    return xml;
  }

  private Xml getSessionToken(QueryParameters parameters, ApiRequest request) {
    refuse(parameters, "GetSessionToken", "SerialNumber", "TokenCode");
    Credentials credentials =
        sts.getSessionToken(request.caller(), parameters.optionalInt("DurationSeconds"));
    ResponseElements.note(Map.of("credentials", AssumeRoleResult.trailCredentials(credentials)));
    return credentials(credentials);
  }

  private static void refuse(QueryParameters parameters, String operation, String... members) {
    for (String member : members) {
      if (parameters.has(member)) {
        throw StsErrors.unsupportedParameter(operation, member);
      }
    }
  }

  private static Xml credentials(Credentials credentials) {
    return Xml.fragment()
        .open("Credentials")
        .element("AccessKeyId", credentials.accessKeyId())
        .element("SecretAccessKey", credentials.secretAccessKey())
        .element("SessionToken", credentials.sessionToken())
        .element("Expiration", credentials.expiration())
        .close("Credentials");
  }
}
