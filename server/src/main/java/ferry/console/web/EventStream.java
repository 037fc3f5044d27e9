package ferry.console.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.jetty.io.Content;

/**
 * A server-sent event stream: subscribes while the browser holds the connection, and writes each
 * event the subscription hands over. A keep-alive comment every few seconds finds a closed
 * connection; the stream ends after a while and the browser's EventSource reconnects by itself.
 */
public final class EventStream {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
  private static final Duration LIFETIME = Duration.ofMinutes(10);

  /** What the stream sends: the event's name and its one-line data. */
  public record Event(String name, String data) {}

  private EventStream() {}

  /**
   * A reply that subscribes with {@code subscribe} (given the sink events go to; it returns the
   * handle that ends the subscription) and streams every event until the browser goes away.
   */
  public static Reply of(Function<Consumer<Event>, AutoCloseable> subscribe) {
    return new Reply.Raw((request, response) -> {
      BlockingQueue<Event> queue = new LinkedBlockingQueue<>(1000);
      response.setStatus(200);
      response.getHeaders().put("Content-Type", "text/event-stream; charset=utf-8");
      response.getHeaders().put("Cache-Control", "no-store");
      response.getHeaders().put("X-Accel-Buffering", "no");
      AutoCloseable subscription = subscribe.apply(queue::offer);
      try (OutputStream out = Content.Sink.asOutputStream(response)) {
        write(out, ": stream open\nretry: 1000\n\n");
        long end = System.nanoTime() + LIFETIME.toNanos();
        while (System.nanoTime() < end) {
          Event event =
              queue.poll(KEEP_ALIVE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
          if (event == null) {
            write(out, ": keep-alive\n\n");
            continue;
          }
          StringBuilder frame = new StringBuilder("event: ").append(event.name()).append('\n');
          for (String line : event.data().split("\n", -1)) {
            frame.append("data: ").append(line).append('\n');
          }
          write(out, frame.append('\n').toString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        // The browser went away: the subscription is closed, nothing else to do.
      } finally {
        try {
          subscription.close();
        } catch (Exception e) {
          throw new IOException("The event stream's subscription did not close", e);
        }
      }
    });
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
