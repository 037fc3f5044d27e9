package ferry.app;

import ferry.aws.AccountId;
import ferry.store.Database;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Ferry's settings. A configuration file is a Java properties file:
 *
 * <pre>
 * host=127.0.0.1
 * port=4566                             (HTTP and HTTPS, told apart on each connection)
 * dataDir=.ferry
 * account.dev.id=111111111111
 * account.prod.id=222222222222
 * account.prod.accessKeyId=AKIA…        (optional: fixed root credentials)
 * account.prod.secretAccessKey=…
 * jdbcUrl=jdbc:postgresql://db:5432/ferry (optional: PostgreSQL instead of SQLite in dataDir)
 * jdbcUser=ferry                        (or FERRY_JDBC_USER in the environment)
 * jdbcPassword=…                        (or FERRY_JDBC_PASSWORD in the environment)
 * cloudtrail=on                         (off: record no CloudTrail events)
 * cloudtrail.retentionDays=90           (how long the event history keeps an event)
 * nodeId=ferry-a                        (optional: this node's name; generated when left out)
 * pipelineLeaseSeconds=10               (how long a stopped node's pipeline work stays claimed)
 * </pre>
 *
 * Without {@code account.*} entries Ferry hosts the guide's two accounts, dev and prod. The
 * CloudTrail settings default to the JVM properties {@code ferry.cloudtrail} and {@code
 * ferry.cloudtrail.retentionDays}, then to on and 90 days.
 *
 * @param port 0 for an ephemeral port
 */
public record FerryConfig(
    String host,
    int port,
    Path dataDir,
    List<AccountConfig> accounts,
    DatabaseSettings database,
    NodeSettings node,
    CloudTrailSettings cloudTrail) {

  public static final List<AccountConfig> DEFAULT_ACCOUNTS =
      List.of(
          new AccountConfig("dev", AccountId.of("111111111111"), null, null),
          new AccountConfig("prod", AccountId.of("222222222222"), null, null));

  private static final Set<String> KEYS =
      Set.of(
          "host",
          "port",
          "dataDir",
          "jdbcUrl",
          "jdbcUser",
          "jdbcPassword",
          "nodeId",
          "pipelineLeaseSeconds",
          "cloudtrail",
          "cloudtrail.retentionDays");
  private static final Pattern ACCOUNT_KEY =
      Pattern.compile("account\\.([^.]+)\\.(id|accessKeyId|secretAccessKey)");

  public FerryConfig {
    accounts = List.copyOf(accounts);
  }

  /**
   * Settings on SQLite in {@code dataDir}, with a generated node name, the default pipeline lease,
   * and CloudTrail's settings from the JVM properties, or its defaults.
   */
  public FerryConfig(String host, int port, Path dataDir, List<AccountConfig> accounts) {
    this(
        host,
        port,
        dataDir,
        accounts,
        DatabaseSettings.SQLITE,
        NodeSettings.DEFAULT,
        CloudTrailSettings.fromSystemProperties());
  }

  public static FerryConfig defaults(Path dataDir) {
    return new FerryConfig("127.0.0.1", 4566, dataDir, DEFAULT_ACCOUNTS);
  }

  public FerryConfig withPort(int other) {
    return new FerryConfig(host, other, dataDir, accounts, database, node, cloudTrail);
  }

  public FerryConfig withDataDir(Path other) {
    return new FerryConfig(host, port, other, accounts, database, node, cloudTrail);
  }

  /** The same settings on another metadata database. */
  public FerryConfig withDatabase(DatabaseSettings other) {
    return new FerryConfig(host, port, dataDir, accounts, other, node, cloudTrail);
  }

  /** The same settings as another node: its name and pipeline lease. */
  public FerryConfig withNode(NodeSettings other) {
    return new FerryConfig(host, port, dataDir, accounts, database, other, cloudTrail);
  }

  /**
   * Fills in the database settings the file left out from the environment: see {@link
   * DatabaseSettings#withEnvironment}.
   */
  public FerryConfig withEnvironment(Map<String, String> environment) {
    return withDatabase(database.withEnvironment(environment));
  }

  /** Opens the metadata database these settings name: PostgreSQL by URL, or SQLite in dataDir. */
  public Database openDatabase() {
    return database.open(dataDir);
  }

  /** The host a client on this machine dials: the bound host, or loopback for every interface. */
  public String clientHost() {
    return host.equals("0.0.0.0") ? "127.0.0.1" : host;
  }

  /**
   * Reads a properties file; what it leaves out keeps the defaults, {@code dataDir} included. A key
   * Ferry does not know is refused rather than ignored, so a typo cannot silently change nothing.
   */
  public static FerryConfig load(Path file, Path defaultDataDir) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    var names = new TreeSet<String>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      var account = ACCOUNT_KEY.matcher(key);
      if (account.matches()) {
        names.add(account.group(1));
      } else if (key.equals("tlsPort")) {
        throw new ConfigException(
            file,
            "tlsPort is no longer used: Ferry serves HTTP and HTTPS on the same port; remove it");
      } else if (!KEYS.contains(key)) {
        throw new ConfigException(
            file,
            "unknown key "
                + key
                + " (known: host, port, dataDir, jdbcUrl, jdbcUser, jdbcPassword, nodeId,"
                + " pipelineLeaseSeconds, account.NAME.id, account.NAME.accessKeyId,"
                + " account.NAME.secretAccessKey, cloudtrail, cloudtrail.retentionDays)");
      }
    }
    List<AccountConfig> accounts = new ArrayList<>();
    for (String name : names) {
      String prefix = "account." + name + ".";
      String id = properties.getProperty(prefix + "id");
      if (id == null) {
        throw new ConfigException(file, "account " + name + " has no " + prefix + "id");
      }
      AccountId accountId;
      try {
        accountId = AccountId.of(id.trim());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, prefix + "id: " + e.getMessage());
      }
      accounts.add(
          new AccountConfig(
              name,
              accountId,
              properties.getProperty(prefix + "accessKeyId"),
              properties.getProperty(prefix + "secretAccessKey")));
    }
    FerryConfig defaults = defaults(defaultDataDir);
    String dataDir = properties.getProperty("dataDir");
    return new FerryConfig(
        properties.getProperty("host", defaults.host()).trim(),
        port(file, properties.getProperty("port"), defaults.port()),
        dataDir == null ? defaults.dataDir() : Path.of(dataDir.trim()),
        accounts.isEmpty() ? DEFAULT_ACCOUNTS : accounts,
        new DatabaseSettings(
            trimmed(properties.getProperty("jdbcUrl")),
            trimmed(properties.getProperty("jdbcUser")),
            properties.getProperty("jdbcPassword")),
        new NodeSettings(
            trimmed(properties.getProperty("nodeId")),
            lease(file, properties.getProperty("pipelineLeaseSeconds"))),
        cloudTrail(file, properties, defaults.cloudTrail()));
  }

  private static Duration lease(Path file, @Nullable String value) throws ConfigException {
    if (value == null) {
      return NodeSettings.DEFAULT_PIPELINE_LEASE;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds >= 1 && seconds <= 3600) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // said below, with the value
    }
    throw new ConfigException(
        file, "pipelineLeaseSeconds must be a number from 1 to 3600, not '" + value.trim() + "'");
  }

  private static @Nullable String trimmed(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static CloudTrailSettings cloudTrail(
      Path file, Properties properties, CloudTrailSettings otherwise) throws ConfigException {
    boolean recording = otherwise.recording();
    String value = properties.getProperty("cloudtrail");
    if (value != null) {
      recording =
          switch (value.trim()) {
            case "on" -> true;
            case "off" -> false;
            default ->
                throw new ConfigException(
                    file, "cloudtrail must be on or off, not '" + value.trim() + "'");
          };
    }
    Duration retention = otherwise.retention();
    String days = properties.getProperty("cloudtrail.retentionDays");
    if (days != null) {
      long parsed = -1;
      try {
        parsed = Long.parseLong(days.trim());
      } catch (NumberFormatException e) {
        // said below, with the value
      }
      if (parsed < 1 || parsed > 36_500) {
        throw new ConfigException(
            file,
            "cloudtrail.retentionDays must be a number of days from 1 to 36500, not '"
                + days.trim()
                + "'");
      }
      retention = Duration.ofDays(parsed);
    }
    return new CloudTrailSettings(recording, retention);
  }

  private static int port(Path file, @Nullable String value, int otherwise) throws ConfigException {
    if (value == null) {
      return otherwise;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // said below, with the value
    }
    throw new ConfigException(
        file, "port must be a number from 0 to 65535, not '" + value.trim() + "'");
  }
}
