package ferry.console.accessmap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import ferry.aws.Caller;
import ferry.console.ConsoleServices;
import ferry.console.accessmap.AccessMap.Edge;
import ferry.console.accessmap.AccessMap.Grant;
import ferry.console.accessmap.AccessMap.Node;
import ferry.console.web.ConsoleHandler;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denials;
import ferry.console.web.Outcome;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The access map page: the map as the signed-in account sees it ({@link AccessMap#seenFrom}), for a
 * caller allowed {@code iam:GetAccountAuthorizationDetails} there, as that is the call that reads
 * every identity's policies in AWS; and a page per edge with the statements that grant it, each
 * shown inside its policy.
 */
public final class AccessMapPages {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MARK = "\u0000statement\u0000";

  private final ConsoleServices services;
  private final Denials denials;

  public AccessMapPages(ConsoleServices services, Denials denials) {
    this.services = services;
    this.denials = denials;
  }

  public List<Route> routes() {
    return List.of(Route.get("/access-map", this::map), Route.get("/access-map/edge", this::edge));
  }

  public record MapPage(String accountId, Outcome<String> svg, int edges) {}

  /** A statement inside its policy: the policy's JSON before, the statement, and after it. */
  public record Shown(Grant grant, String before, String statement, String after) {}

  public record EdgePage(Edge edge, String fromLabel, String toLabel, List<Shown> grants) {}

  private Reply map(ConsoleRequest request) {
    Caller caller = request.caller();
    Outcome<AccessMap> map = denials.attempt(() -> mapFor(caller));
    if (map.denied()) {
      return Reply.page(
          403,
          "accessmap.jte",
          new MapPage(caller.account().value(), new Outcome.Denied<>(map.denial()), 0));
    }
    AccessMap shown = map.value();
    String svg = new AccessMapSvg(edge -> ConsoleHandler.PREFIX + edgePath(edge)).render(shown);
    // The console's stylesheet carries the map's styles; its policy refuses inline ones.
    svg = svg.replaceFirst("(?s)<style>.*?</style>", "");
    return Reply.page(
        "accessmap.jte",
        new MapPage(caller.account().value(), new Outcome.Shown<>(svg), shown.edges().size()));
  }

  private Reply edge(ConsoleRequest request) {
    Caller caller = request.caller();
    AccessMap map = mapFor(caller);
    String from = request.query("from");
    String to = request.query("to");
    String access = request.query("access");
    Edge edge =
        from == null || to == null || access == null
            ? null
            : map.edges().stream()
                .filter(e ->
                    e.from().equals(from)
                        && e.to().equals(to)
                        && e.access().word().equals(access.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
    if (edge == null) {
      return Reply.page(404, "notfound.jte", request.path());
    }
    List<Shown> grants = new ArrayList<>();
    for (Grant grant : edge.grants()) {
      grants.add(shown(grant));
    }
    return Reply.page(
        "accessedge.jte",
        new EdgePage(edge, label(map, edge.from()), label(map, edge.to()), grants));
  }

  /** The map of the caller's account, once IAM lets the caller read its authorization details. */
  private AccessMap mapFor(Caller caller) {
    services.iam().accountDetails().getAccountAuthorizationDetails(caller, List.of("Role"));
    return services.accessMaps().compute().withoutOwnership().seenFrom(caller.account());
  }

  private static String label(AccessMap map, String arn) {
    return map.node(arn).map(Node::label).orElse(arn);
  }

  static String edgePath(Edge edge) {
    return "/access-map/edge?from="
        + encode(edge.from())
        + "&to="
        + encode(edge.to())
        + "&access="
        + edge.access().word();
  }

  /** The grant's statement, pretty-printed inside its pretty-printed policy. */
  static Shown shown(Grant grant) {
    String document = grant.document();
    if (document == null || grant.index() < 0) {
      return new Shown(grant, "", "", "");
    }
    try {
      JsonNode policy = JSON.readTree(document);
      JsonNode statements = policy.get("Statement");
      JsonNode statement;
      if (statements instanceof ArrayNode array && grant.index() < array.size()) {
        statement = array.get(grant.index());
        array.set(grant.index(), TextNode.valueOf(MARK));
      } else if (statements instanceof ObjectNode && grant.index() == 0) {
        statement = statements;
        ((ObjectNode) policy).set("Statement", TextNode.valueOf(MARK));
      } else {
        return new Shown(grant, pretty(policy), "", "");
      }
      String whole = pretty(policy);
      String quoted = JSON.writeValueAsString(MARK);
      int at = whole.indexOf(quoted);
      String before = whole.substring(0, at);
      String line = before.substring(before.lastIndexOf('\n') + 1);
      String indent = " ".repeat(line.length() - line.stripLeading().length());
      String inner = pretty(statement).replace("\n", "\n" + indent);
      return new Shown(grant, before, inner, whole.substring(at + quoted.length()));
    } catch (JsonProcessingException e) {
      return new Shown(grant, document, "", "");
    }
  }

  private static String pretty(JsonNode node) throws JsonProcessingException {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
