package ferry.console.decisions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.authz.AccessRequest;
import ferry.authz.DecisionLog;
import ferry.authz.Verdict;
import ferry.aws.AwsException;
import ferry.aws.Caller;
import ferry.codepipeline.ActionExecution;
import ferry.console.ConsoleServices;
import ferry.console.web.ConsoleRequest;
import ferry.console.web.Denial;
import ferry.console.web.Denials;
import ferry.console.web.EventStream;
import ferry.console.web.Reply;
import ferry.console.web.Route;
import ferry.policy.eval.AuthorizationContext;
import ferry.policy.eval.Decision;
import ferry.policy.eval.Explanation;
import ferry.policy.eval.PolicyReport;
import ferry.policy.eval.StatementReport;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The decisions pages: the authorization decisions of the signed-in account (its principals', and
 * those on its resources), newest first and live, and each decision explained policy by policy.
 *
 * <p>Reading them takes {@code cloudtrail:LookupEvents} in the caller's account, as AWS users find
 * their requests in CloudTrail's event history: an account's root and administrators see them, a
 * user without permissions sees the denial panel. A decision that failed a pipeline action also
 * opens from that action to anyone who may read the action's execution, since its error already
 * names the decision.
 */
public final class DecisionPages {
  static final String READ_ACTION = "cloudtrail:LookupEvents";
  private static final int SHOWN = 200;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final ConsoleServices services;

  public DecisionPages(ConsoleServices services, Denials denials) {
    this.services = services;
  }

  public List<Route> routes() {
    return List.of(
        Route.get("/decisions", this::list),
        Route.get("/decisions/events", this::events),
        Route.get("/decisions/{id}", this::decision));
  }

  /** The list's filters, from the query string; an empty filter matches everything. */
  public record Filter(
      String verdict,
      String account,
      String principal,
      String service,
      String action,
      String resource) {

    static Filter of(ConsoleRequest request) {
      return new Filter(
          value(request, "verdict"),
          value(request, "account"),
          value(request, "principal"),
          value(request, "service"),
          value(request, "action"),
          value(request, "resource"));
    }

    private static String value(ConsoleRequest request, String name) {
      String value = request.query(name);
      return value == null ? "" : value.strip();
    }

    boolean matches(Row row) {
      return (verdict.isEmpty()
              || verdict.equals("allowed") && row.allowed()
              || verdict.equals("denied") && !row.allowed())
          && (account.isEmpty()
              || account.equals(row.account())
              || account.equals(row.resourceAccount()))
          && contains(row.principal(), principal)
          && (service.isEmpty() || service.equalsIgnoreCase(row.service()))
          && contains(row.action(), action)
          && contains(row.resource(), resource);
    }

    private static boolean contains(String value, String part) {
      return part.isEmpty()
          || value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** The filters as a query string, for the live stream. */
    public String query() {
      StringBuilder query = new StringBuilder();
      Map<String, String> all = new LinkedHashMap<>();
      all.put("verdict", verdict);
      all.put("account", account);
      all.put("principal", principal);
      all.put("service", service);
      all.put("action", action);
      all.put("resource", resource);
      all.forEach((k, v) -> {
        if (!v.isEmpty()) {
          query.append(query.isEmpty() ? "?" : "&").append(k).append('=').append(encode(v));
        }
      });
      return query.toString();
    }
  }

  /** A decision as the list shows it. */
  public record Row(
      String id,
      String time,
      boolean allowed,
      String account,
      @Nullable String resourceAccount,
      String principal,
      String service,
      String action,
      String resource) {

    static Row of(DecisionLog.Entry entry) {
      AuthorizationContext context = entry.decision().context();
      String account = context.principal().account();
      int colon = entry.action().indexOf(':');
      return new Row(
          entry.id(),
          TIME.format(entry.time()),
          entry.allowed(),
          account == null ? "" : account,
          context.resourceAccount(),
          entry.principal(),
          colon < 0 ? entry.action() : entry.action().substring(0, colon),
          entry.action(),
          entry.resource());
    }

    public String href() {
      return "/decisions/" + encode(id);
    }

    boolean concerns(String account) {
      return account.equals(this.account) || account.equals(resourceAccount);
    }
  }

  public record DecisionList(String accountId, Filter filter, List<Row> rows) {}

  /** A decision explained: the request, the verdict, and every policy weighed. */
  public record DecisionPage(Row row, DecisionLog.Entry entry, Explanation explanation) {
    public Decision decision() {
      return entry.decision();
    }

    public AuthorizationContext context() {
      return entry.decision().context();
    }

    public String evaluation() {
      return switch (decision().policies().mode()) {
        case STANDARD -> "an identity-based or a resource-based policy may allow it";
        case KEY_POLICY -> "the key policy must allow it (an account principal delegates to IAM)";
        case TRUST_POLICY ->
            "the trust policy must allow it (an account principal delegates to IAM)";
      };
    }

    /** The outcome in words, as IAM's documentation names it. */
    public String outcome() {
      return switch (decision().outcome()) {
        case ALLOW -> "Allow";
        case EXPLICIT_DENY -> "Explicit deny";
        default -> "Implicit deny";
      };
    }

    public List<PolicyReport> policies() {
      return explanation.policies();
    }

    public String describe(StatementReport statement) {
      return statement.describe(context());
    }

    /** Whether a statement is among those that decided. */
    public boolean deciding(PolicyReport policy, StatementReport statement) {
      return explanation.deciding().stream()
          .anyMatch(ref ->
              ref.policy().name().equals(policy.policy().name())
                  && ref.statement().index() == statement.statement().index());
    }
  }

  private Reply list(ConsoleRequest request) {
    Caller caller = request.caller();
    Denial denied = refused(caller);
    if (denied != null) {
      return Reply.page(403, "denied.jte", denied);
    }
    Filter filter = Filter.of(request);
    String account = caller.account().value();
    List<Row> rows = new ArrayList<>();
    List<DecisionLog.Entry> entries = services.decisions().last(Integer.MAX_VALUE);
    for (int i = entries.size() - 1; i >= 0 && rows.size() < SHOWN; i--) {
      Row row = Row.of(entries.get(i));
      if (row.concerns(account) && filter.matches(row)) {
        rows.add(row);
      }
    }
    return Reply.page("decisions.jte", new DecisionList(account, filter, rows));
  }

  private Reply events(ConsoleRequest request) {
    Caller caller = request.caller();
    Denial denied = refused(caller);
    if (denied != null) {
      return Reply.page(403, "denied.jte", denied);
    }
    Filter filter = Filter.of(request);
    String account = caller.account().value();
    return EventStream.of(sink ->
        services
            .decisions()
            .listen(entry -> {
              Row row = Row.of(entry);
              if (row.concerns(account) && filter.matches(row)) {
                sink.accept(new EventStream.Event("decision", json(row)));
              }
            }));
  }

  private Reply decision(ConsoleRequest request) {
    Caller caller = request.caller();
    Denial denied = refused(caller);
    if (denied != null) {
      return Reply.page(403, "denied.jte", denied);
    }
    String id = request.parameter("id");
    DecisionLog.Entry entry = services.decisions().find(id).orElse(null);
    if (entry == null) {
      return Reply.page(404, "notfound.jte", request.path());
    }
    Row row = Row.of(entry);
    if (!row.concerns(caller.account().value()) && !failedAnAction(request, id)) {
      // Another account's decision is not there for this caller, as with its CloudTrail.
      return Reply.page(404, "notfound.jte", request.path());
    }
    return Reply.page("decision.jte", new DecisionPage(row, entry, entry.decision().explanation()));
  }

  /** Whether the caller reads this decision's id in the error of an action it may see. */
  private boolean failedAnAction(ConsoleRequest request, String id) {
    String pipeline = request.query("pipeline");
    String execution = request.query("execution");
    if (pipeline == null || execution == null) {
      return false;
    }
    List<ActionExecution> runs;
    try {
      runs = services.codepipeline().listActionExecutions(request.caller(), pipeline, execution);
    } catch (AwsException notReadable) {
      // A pipeline the caller may not read, or none: the decision stays another account's.
      return false;
    }
    return runs.stream()
        .anyMatch(run ->
            run.errorDetails() != null
                && run.errorDetails().message().contains("ferry explain " + id + ")"));
  }

  /** The denial when the caller may not read decisions, else null. */
  private @Nullable Denial refused(Caller caller) {
    Verdict verdict =
        services
            .authorizer()
            .authorize(caller, AccessRequest.of(READ_ACTION, "*", caller.account()));
    if (verdict.allowed()) {
      return null;
    }
    return new Denial(
        "AccessDeniedException",
        verdict.message(),
        verdict.id(),
        services.decisions().find(verdict.id()).map(DecisionLog.Entry::explanation).orElse(null));
  }

  private static String json(Row row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("id", row.id());
    fields.put("time", row.time());
    fields.put("allowed", row.allowed());
    fields.put("account", row.account());
    fields.put("principal", row.principal());
    fields.put("service", row.service());
    fields.put("action", row.action());
    fields.put("resource", row.resource());
    fields.put("href", row.href());
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
