package ferry.app;

import java.io.IOException;

/** Another process listens on the port Ferry was asked to serve on. */
public final class PortInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(String host, int port, Throwable cause) {
    super("port " + port + " on " + host + " is already in use", cause);
  }
}
