package ferry.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Names for nodes whose configuration gives none: the host's name and a random suffix. */
final class NodeIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeIds() {}

  static String generate() {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    return host() + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String host() {
    try {
      String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
      int dot = name.indexOf('.');
      name = dot > 0 ? name.substring(0, dot) : name;
      return name.isBlank() ? "ferry" : name;
    } catch (UnknownHostException e) {
      return "ferry";
    }
  }
}
