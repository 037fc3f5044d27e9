package ferry.junit;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.app.AccountConfig;
import ferry.app.FerryConfig;
import ferry.app.RootCredentials;
import ferry.aws.AccountId;
import ferry.http.DecisionClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Ferry running in this JVM on a free loopback port, in a temporary data folder of its own that
 * closing deletes (with {@code -Dferry.test.db=postgres}, and a {@link TestDatabase} that closing
 * drops), with AWS SDK v2 clients for its accounts and for sessions of their roles.
 */
public final class LocalFerry implements AutoCloseable {
  /** The IAM user, in each account that assumes roles, whose sessions the tests use. */
  public static final String ASSUMER = "ferry-junit";

  private static final Set<LocalFerry> RUNNING = ConcurrentHashMap.newKeySet();

  private final ferry.app.Ferry server;
  private final Path dataDir;
  private final List<AccountConfig> accounts;
  private final DecisionClient decisions;
  private final Map<String, AwsClients> roots = new ConcurrentHashMap<>();
  private final Map<String, AwsClients> assumers = new ConcurrentHashMap<>();
  private final List<AwsClients> sessions = new CopyOnWriteArrayList<>();
  private final ExecutionInterceptor denials =
      new ExecutionInterceptor() {
        @Override
        public void onExecutionFailure(
            Context.FailedExecution context, ExecutionAttributes attributes) {
          FerryAssertions.answeredBy(context.exception(), LocalFerry.this);
        }
      };

  private LocalFerry(ferry.app.Ferry server, Path dataDir, List<AccountConfig> accounts) {
    this.server = server;
    this.dataDir = dataDir;
    this.accounts = accounts;
    this.decisions = new DecisionClient(server.endpoint());
  }

  /** Starts Ferry with Ferry's default accounts, dev (111111111111) and prod (222222222222). */
  public static LocalFerry start() throws Exception {
    return start(FerryConfig.DEFAULT_ACCOUNTS);
  }

  public static LocalFerry start(List<AccountConfig> accounts) throws Exception {
    Path dataDir = Files.createTempDirectory("ferry-junit-");
    var config = TestDatabase.config(new FerryConfig("127.0.0.1", 0, dataDir, accounts));
    try {
      var started = new LocalFerry(ferry.app.Ferry.start(config), dataDir, config.accounts());
      RUNNING.add(started);
      return started;
    } catch (Exception e) {
      TestDatabase.drop(dataDir);
      deleteTree(dataDir);
      throw e;
    }
  }

  static Set<LocalFerry> running() {
    return RUNNING;
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The accounts' names, in the order they were declared. */
  public List<String> accountNames() {
    return accounts.stream().map(AccountConfig::name).toList();
  }

  /** The account's 12-digit id, by the account's name. */
  public AccountId accountId(String account) {
    return server.root(account).account();
  }

  public RootCredentials root(String account) {
    return server.root(account);
  }

  /** The account's root credentials, for a client Ferry's extension does not build. */
  public AwsCredentialsProvider credentials(String account) {
    RootCredentials root = server.root(account);
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(root.accessKeyId(), root.secretAccessKey()));
  }

  /** Clients as the account's root. */
  public AwsClients account(String account) {
    server.root(account);
    return roots.computeIfAbsent(
        account, name -> new AwsClients(endpoint(), credentials(name), denials));
  }

  /**
   * Clients of a new session of the role. As in AWS, a root cannot assume a role: the session is
   * assumed by the account's IAM user {@value #ASSUMER}, which Ferry creates on first use with
   * {@code sts:AssumeRole} on every role. A role that trusts its account ({@code
   * arn:aws:iam::ID:root}) may then be assumed.
   *
   * @param account the account whose user assumes the role
   * @param role the role's name in that account, or its ARN
   */
  public AwsClients assumeRole(String account, String role) {
    String roleArn =
        role.startsWith("arn:") ? role : "arn:aws:iam::" + accountId(account) + ":role/" + role;
    Credentials session =
        assumer(account)
            .sts()
            .assumeRole(r -> r.roleArn(roleArn).roleSessionName("ferry-junit"))
            .credentials();
    return clients(
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(
                session.accessKeyId(), session.secretAccessKey(), session.sessionToken())));
  }

  private AwsClients assumer(String account) {
    return assumers.computeIfAbsent(
        account,
        name -> {
          IamClient iam = account(name).iam();
          iam.createUser(u -> u.userName(ASSUMER));
          iam.putUserPolicy(p ->
              p.userName(ASSUMER)
                  .policyName("assume-roles")
                  .policyDocument(
                      """
                      {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                        "Action": ["sts:AssumeRole", "sts:TagSession"], "Resource": "*"}]}
                      """));
          AccessKey key = iam.createAccessKey(k -> k.userName(ASSUMER)).accessKey();
          return new AwsClients(
              endpoint(),
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())),
              denials);
        });
  }

  /** Clients with any credentials, e.g. an IAM user's access key the test created. */
  public AwsClients clients(AwsCredentialsProvider credentials) {
    var clients = new AwsClients(endpoint(), credentials, denials);
    sessions.add(clients);
    return clients;
  }

  /** {@link FerryAssertions#assertDenied}, with the decision read from this Ferry. */
  public Denial assertDenied(Executable call) {
    return denial(FerryAssertions.awsError(call));
  }

  Denial denial(AwsServiceException error) {
    String id = FerryAssertions.decisionId(error);
    return find(error, id)
        .orElseThrow(() ->
            new AssertionFailedError(
                "Ferry at " + endpoint() + " has no decision " + id + " in its recent log"));
  }

  Optional<Denial> find(AwsServiceException error, String decisionId) {
    return decisions.find(decisionId).map(decision -> denial(error, decisionId, decision));
  }

  private static Denial denial(AwsServiceException error, String id, JsonNode decision) {
    return new Denial(
        error.awsErrorDetails().errorCode(),
        error.statusCode(),
        Objects.requireNonNullElse(error.awsErrorDetails().errorMessage(), ""),
        id,
        decision.path("principal").asText(),
        decision.path("action").asText(),
        decision.path("resource").asText(),
        decision.path("explanation").asText());
  }

  /** Closes the clients, stops Ferry and deletes its data folder. */
  @Override
  public void close() throws IOException {
    RUNNING.remove(this);
    try {
      // Clients first, so that no idle connection holds Ferry's shutdown up.
      roots.values().forEach(AwsClients::close);
      sessions.forEach(AwsClients::close);
      assumers.values().forEach(AwsClients::close);
      server.close();
    } finally {
      TestDatabase.drop(dataDir);
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
