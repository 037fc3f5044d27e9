package ferry.app;

import java.io.IOException;
import java.nio.file.Path;

/** A configuration file Ferry cannot use; the message names the file and what is wrong. */
public final class ConfigException extends IOException {
  private static final long serialVersionUID = 1L;

  public ConfigException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
