package ferry.accessanalyzer.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.accessanalyzer.AccessAnalyzerService;
import ferry.accessanalyzer.PolicyGenerator;
import ferry.accessanalyzer.UnusedAccess;
import ferry.authz.PrincipalPolicies.NamedPolicy;
import ferry.iam.IamPolicies;
import ferry.policy.PolicyParser;
import ferry.protocol.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's own read-only endpoint for {@code ferry policy unused}: {@code GET
 * /_ferry/unused?principal=ARN[&since=TIME]} answers, for each identity policy of the user or role,
 * which statements and actions the event history's allowed accesses used. Like {@code
 * /_ferry/decisions} it is not an AWS API and is unsigned, so it answers only requests from
 * loopback.
 */
public final class UnusedAccessEndpoint extends Handler.Abstract {
  static final String PATH = "/_ferry/unused";
  private static final Pattern PRINCIPAL =
      Pattern.compile("arn:[^:]+:iam::\\d{12}:(root|(user|role)/.{1,576})");

  private final AccessAnalyzerService analyzer;
  private final IamPolicies identities;
  private final PolicyParser parser;

  public UnusedAccessEndpoint(
      AccessAnalyzerService analyzer, IamPolicies identities, PolicyParser parser) {
    this.analyzer = analyzer;
    this.identities = identities;
    this.parser = parser;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!PATH.equals(request.getHttpURI().getPath())) {
      return false;
    }
    try {
      serve(request, response);
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
    return true;
  }

  private void serve(Request request, Response response) throws IOException {
    if (!(request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress from
        && from.getAddress() != null
        && from.getAddress().isLoopbackAddress())) {
      send(response, 403, "This endpoint answers only on loopback");
      return;
    }
    if (!"GET".equals(request.getMethod())) {
      send(response, 405, "Only GET is allowed here");
      return;
    }
    Fields query = Request.extractQueryParameters(request);
    String principal = query.getValue("principal");
    if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
      send(response, 400, "principal must be an IAM user, role or root ARN, not " + principal);
      return;
    }
    Instant since = null;
    String sinceText = query.getValue("since");
    if (sinceText != null) {
      try {
        since = OffsetDateTime.parse(sinceText).toInstant();
      } catch (DateTimeParseException e) {
        send(response, 400, "since must be an ISO 8601 time, not " + sinceText);
        return;
      }
    }
    Optional<List<NamedPolicy>> policies = identities.identityPoliciesOf(principal);
    if (policies.isEmpty()) {
      send(response, 404, "No user or role " + principal);
      return;
    }
    List<PolicyGenerator.Use> uses = analyzer.usesOf(principal, since);
    String resource = principal.split(":", 6)[5];
    String userName =
        resource.startsWith("user/") ? resource.substring(resource.lastIndexOf('/') + 1) : null;
    ObjectNode body = Json.object().put("principal", principal).put("uses", uses.size());
    if (since != null) {
      body.put("since", since.toString());
    }
    ArrayNode array = body.putArray("policies");
    for (UnusedAccess.PolicyUse policy : UnusedAccess.of(policies.get(), uses, userName, parser)) {
      ObjectNode policyNode = array.addObject().put("policy", policy.policy());
      ArrayNode statements = policyNode.putArray("statements");
      for (UnusedAccess.StatementUse statement : policy.statements()) {
        ObjectNode statementNode =
            statements
                .addObject()
                .put("statement", statement.statement())
                .put("used", statement.used());
        ArrayNode actions = statementNode.putArray("actions");
        for (UnusedAccess.ActionUse action : statement.actions()) {
          ObjectNode actionNode =
              actions.addObject().put("action", action.action()).put("wildcard", action.wildcard());
          ArrayNode used = actionNode.putArray("used");
          action.usedActions().forEach(used::add);
        }
      }
    }
    send(response, 200, body);
  }

  private static void send(Response response, int status, @Nullable String message)
      throws IOException {
    send(response, status, Json.object().put("message", message));
  }

  private static void send(Response response, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(bytes);
    }
  }
}
