package ferry.http;

import ferry.store.Database;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Marks the thread of each request as answering one while it is handled, so that a request finding
 * the database away is refused (503) within a second instead of waiting as background work does;
 * Ferry's handlers answer on the request's own thread, before {@code handle} returns.
 */
public final class RequestThreads extends Handler.Wrapper {
  /** Wraps the server's handler: {@code server.insertHandler(new RequestThreads())}. */
  public RequestThreads() {}

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Database.RequestScope scope = Database.answeringRequest();
    try {
      return super.handle(request, response, callback);
    } finally {
      scope.close();
    }
  }
}
