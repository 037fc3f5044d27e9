package ferry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.protocol.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /_ferry/health}, for load balancers: 200 while this node can serve (its database
 * answers and its schema is migrated), 503 otherwise, each with the node's id and store. The
 * database is probed in the background, so a check is answered at once even while the database does
 * not answer; the answer is at most {@link #PROBE_PERIOD} old. Unsigned and not an AWS API, like
 * the other {@code /_ferry/} endpoints; it tells nothing a load balancer may not know.
 */
public final class HealthEndpoint extends Handler.Abstract implements AutoCloseable {
  static final String PATH = "/_ferry/health";
  static final Duration PROBE_PERIOD = Duration.ofSeconds(1);

  private final String node;
  private final String store;
  private final BooleanSupplier databaseAnswers;
  private final Thread prober;
  private volatile boolean reachable;
  private volatile boolean closed;
  private volatile @Nullable Future<Boolean> inFlight;

  /**
   * @param databaseAnswers asks the database a question, false (or an exception) when it cannot
   */
  public HealthEndpoint(String node, String store, BooleanSupplier databaseAnswers) {
    this.node = node;
    this.store = store;
    this.databaseAnswers = databaseAnswers;
    this.reachable = probe();
    this.prober = Thread.ofPlatform().name("ferry-health").daemon().start(this::probeAlways);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!PATH.equals(request.getHttpURI().getPath())) {
      return false;
    }
    try {
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        send(response, 405, Json.object().put("message", "Only GET is allowed here"));
      } else {
        boolean ready = reachable && !closed;
        send(
            response,
            ready ? 200 : 503,
            Json.object()
                .put("node", node)
                .put("store", store)
                .put("ready", ready)
                .put("database", reachable ? "reachable" : "unreachable"));
      }
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
    }
    return true;
  }

  /** Whether the last probe found the database answering. */
  public boolean ready() {
    return reachable && !closed;
  }

  private boolean probe() {
    if (inFlight != null && !inFlight.isDone()) {
      // The last question is still unanswered: the database is not answering.
      return false;
    }
    CompletableFuture<Boolean> question = new CompletableFuture<>();
    inFlight = question;
    Thread.ofVirtual()
        .start(() -> {
          try {
            question.complete(databaseAnswers.getAsBoolean());
          } catch (RuntimeException e) {
            question.complete(false);
          }
        });
    try {
      return question.get(PROBE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void probeAlways() {
    while (!closed) {
      try {
        Thread.sleep(PROBE_PERIOD.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      reachable = probe();
    }
  }

  private static void send(Response response, int status, ObjectNode body) throws IOException {
    byte[] bytes = Json.bytes(body);
    response.setStatus(status);
    response.getHeaders().put("Content-Type", "application/json");
    response.getHeaders().put("Cache-Control", "no-store");
    if (status == 503) {
      response.getHeaders().put("Retry-After", "1");
    }
    response.getHeaders().put("Content-Length", Integer.toString(bytes.length));
    try (OutputStream out = Content.Sink.asOutputStream(response)) {
      out.write(bytes);
    }
  }

  /** From now on the node answers 503: it is stopping, and a load balancer should move on. */
  @Override
  public void close() {
    closed = true;
    prober.interrupt();
  }
}
