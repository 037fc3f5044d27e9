package ferry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.authz.DecisionLog;
import ferry.aws.AccountId;
import ferry.protocol.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's own read-only endpoint for recent authorization decisions, used by {@code ferry explain}
 * and the console: {@code GET /_ferry/decisions?last=N} and {@code GET /_ferry/decisions/ID}. On
 * loopback, where Ferry listens by default, it answers unsigned requests with every decision. From
 * any other address it answers only a request signed (SigV4, any service's scope) by a caller that
 * its policies allow {@code cloudtrail:LookupEvents}, as reading the event history needs, and shows
 * it the decisions of its own account's principals only.
 */
final class DecisionEndpoint {
  static final String PREFIX = "/_ferry/decisions";

  private final DecisionLog log;

  DecisionEndpoint(DecisionLog log) {
    this.log = log;
  }

  static boolean handles(String path) {
    return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
  }

  /** Whether a request comes from this machine, and so may read every decision unsigned. */
  static boolean fromLoopback(Request request) {
    return request.getConnectionMetaData().getRemoteSocketAddress()
            instanceof InetSocketAddress from
        && from.getAddress() != null
        && from.getAddress().isLoopbackAddress();
  }

  /** Refuses a request from another machine that is not signed by an allowed caller. */
  static void refuse(Response response, String why) throws IOException {
    send(response, 403, Json.object().put("message", why));
  }

  /**
   * Answers with the decisions {@code account}'s principals were given; every decision when it is
   * null (a request from loopback).
   */
  void serve(Request request, Response response, @Nullable AccountId account) throws IOException {
    String path = request.getHttpURI().getPath();
    if (!"GET".equals(request.getMethod())) {
      send(response, 405, Json.object().put("message", "Only GET is allowed here"));
      return;
    }
    if (path.length() > PREFIX.length() + 1) {
      String id = path.substring(PREFIX.length() + 1);
      Optional<DecisionLog.Explained> entry =
          log.explain(id).filter(found -> shows(account, found));
      if (entry.isEmpty()) {
        send(
            response,
            404,
            Json.object().put("message", "No decision " + id + " in the recent log"));
      } else {
        send(response, 200, json(entry.get()));
      }
      return;
    }
    int last = 20;
    String query = request.getHttpURI().getQuery();
    if (query != null && query.startsWith("last=")) {
      try {
        last = Math.max(1, Math.min(2000, Integer.parseInt(query.substring(5))));
      } catch (NumberFormatException e) {
        send(response, 400, Json.object().put("message", "last must be a number"));
        return;
      }
    }
    List<DecisionLog.Explained> entries =
        account == null
            ? log.recent(last)
            : log.recent(2000).stream().filter(entry -> shows(account, entry)).toList();
    if (entries.size() > last) {
      entries = entries.subList(entries.size() - last, entries.size());
    }
    ArrayNode array = Json.array();
    entries.forEach(entry -> array.add(json(entry)));
    send(response, 200, Json.object().set("decisions", array));
  }

  /** Whether the decision was made for a principal of the account (an ARN naming it). */
  private static boolean shows(@Nullable AccountId account, DecisionLog.Explained entry) {
    if (account == null) {
      return true;
    }
    String[] parts = entry.principal().split(":", 6);
    return parts.length == 6 && parts[0].equals("arn") && parts[4].equals(account.value());
  }

  private static ObjectNode json(DecisionLog.Explained entry) {
    return Json.object()
        .put("id", entry.id())
        .put("time", entry.time().toString())
        .put("principal", entry.principal())
        .put("action", entry.action())
        .put("resource", entry.resource())
        .put("allowed", entry.allowed())
        .put("message", entry.message())
        .put("explanation", entry.explanation());
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
