package ferry.app;

import ferry.aws.AccountId;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's settings. A configuration file is a Java properties file:
 *
 * <pre>
 * host=127.0.0.1
 * port=4566
 * tlsPort=4567
 * account.dev.id=111111111111
 * account.prod.id=222222222222
 * account.prod.accessKeyId=AKIA…        (optional: fixed root credentials)
 * account.prod.secretAccessKey=…
 * </pre>
 *
 * Without {@code account.*} entries Ferry hosts the guide's two accounts, dev and prod.
 *
 * @param tlsPort 0 for an ephemeral port, -1 for no TLS
 */
public record FerryConfig(
    String host,
    int port,
    int tlsPort,
    Path dataDir,
    List<AccountConfig> accounts,
    @Nullable String jdbcUrl) {

  public static final List<AccountConfig> DEFAULT_ACCOUNTS =
      List.of(
          new AccountConfig("dev", AccountId.of("111111111111"), null, null),
          new AccountConfig("prod", AccountId.of("222222222222"), null, null));

  public FerryConfig {
    accounts = List.copyOf(accounts);
  }

  public static FerryConfig defaults(Path dataDir) {
    return new FerryConfig("127.0.0.1", 4566, 4567, dataDir, DEFAULT_ACCOUNTS, null);
  }

  public FerryConfig withPorts(int port, int tlsPort) {
    return new FerryConfig(host, port, tlsPort, dataDir, accounts, jdbcUrl);
  }

  public FerryConfig withDataDir(Path other) {
    return new FerryConfig(host, port, tlsPort, other, accounts, jdbcUrl);
  }

  /** Reads a properties file; what it leaves out keeps the defaults. */
  public static FerryConfig load(Path file, Path dataDir) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    FerryConfig defaults = defaults(dataDir);
    List<AccountConfig> accounts = new ArrayList<>();
    var names = new TreeSet<String>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("account.") && key.endsWith(".id")) {
        names.add(key.substring("account.".length(), key.length() - ".id".length()));
      }
    }
    for (String name : names) {
      String prefix = "account." + name + ".";
      accounts.add(
          new AccountConfig(
              name,
              AccountId.of(properties.getProperty(prefix + "id").trim()),
              properties.getProperty(prefix + "accessKeyId"),
              properties.getProperty(prefix + "secretAccessKey")));
    }
    return new FerryConfig(
        properties.getProperty("host", defaults.host()),
        Integer.parseInt(properties.getProperty("port", Integer.toString(defaults.port())).trim()),
        Integer.parseInt(
            properties.getProperty("tlsPort", Integer.toString(defaults.tlsPort())).trim()),
        Path.of(properties.getProperty("dataDir", dataDir.toString())),
        accounts.isEmpty() ? DEFAULT_ACCOUNTS : accounts,
        properties.getProperty("jdbcUrl"));
  }
}
