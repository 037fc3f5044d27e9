package ferry.console.web;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.jspecify.annotations.Nullable;

/** What a console route answers: a page, a redirect, a download, or a response it writes itself. */
public sealed interface Reply {

  /**
   * A page: {@code template} rendered with {@code frame} (who is signed in, the navigation, the
   * form token) and {@code model}.
   */
  record Page(int status, String template, @Nullable Object model) implements Reply {}

  /** 303 See Other, the answer to a form posted successfully. */
  record Redirect(String location) implements Reply {}

  /** Bytes for the browser to save, such as an object's content. */
  record Download(String contentType, long length, String filename, InputStream body)
      implements Reply {}

  /** A new session was opened: its cookie is set, then {@code then} is answered. */
  record SessionOpened(ConsoleSession session, Reply then) implements Reply {}

  /** The session was closed: its cookie is cleared, then {@code then} is answered. */
  record SessionClosed(Reply then) implements Reply {}

  /** A response the route writes itself, such as a server-sent event stream. */
  record Raw(Writer writer) implements Reply {}

  /** Writes a whole response; runs on its own virtual thread and may block. */
  @FunctionalInterface
  interface Writer {
    void write(Request request, Response response) throws IOException;
  }

  static Reply page(String template, @Nullable Object model) {
    return new Page(200, template, model);
  }

  static Reply page(int status, String template, @Nullable Object model) {
    return new Page(status, template, model);
  }

  /** A redirect to a console path such as {@code /s3}. */
  static Reply redirect(String consolePath) {
    return new Redirect(ConsoleHandler.PREFIX + consolePath);
  }
}
